import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from perfloop.reviews.models import Calibration, KpiActual, Result, ReviewCycle
from perfloop.reviews.services import change_status
from tests.org.helpers import csv_bytes
from tests.reviews.conftest import RESULTS_HEADER


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.mark.django_db
def test_hr_creates_a_cycle_and_others_cannot(org, api_client):
    client_for = api_client
    data = {"name": "2024年H1", "kind": "half_year", "start_date": "2024-01-01", "end_date": "2024-06-30"}
    assert post_json(client_for("manager"), "/api/v1/cycles", data).status_code == 403
    response = post_json(client_for("hr_in_scope"), "/api/v1/cycles", data)
    assert response.status_code == 201 and response.json()["status"] == "draft"
    assert post_json(client_for("hr_in_scope"), "/api/v1/cycles", data).status_code == 409
    bad = {**data, "name": "x", "end_date": "2023-01-01"}
    refused = post_json(client_for("hr_in_scope"), "/api/v1/cycles", bad)
    assert refused.status_code == 422 and "结束日期早于开始日期" in str(refused.json()["errors"])
    assert (
        post_json(client_for("hr_in_scope"), "/api/v1/cycles", {**data, "kind": "decade"}).status_code == 422
    )
    assert ReviewCycle.objects.count() == 1


@pytest.mark.django_db
def test_cycle_results_are_scoped(scored, org, client_for):
    def numbers(role):
        return sorted(
            r["employee_no"]
            for r in client_for(role).get(f"/api/v1/cycles/{scored.pk}/results").json()["items"]
        )

    assert numbers("manager") == ["E0001", "L0001"]
    assert numbers("hr_out_of_scope") == ["E0002", "M0002"]
    assert (
        client_for("employee").get(f"/api/v1/cycles/{scored.pk}/results").status_code == 404
    )  # not yet in feedback
    to = change_status(cycle=scored, to="calibrating", by=org.user("hr_in_scope"))
    change_status(cycle=to, to="feedback", by=org.user("hr_in_scope"), reason="测试中有未完成的结果")
    assert numbers("employee") == ["E0001"]


@pytest.mark.django_db
def test_result_explanation_as_data(scored, org, client_for):
    result = Result.objects.get(cycle=scored, employee=org.employee)
    body = client_for("manager").get(f"/api/v1/results/{result.pk}").json()
    assert body["composite"] == "81.5" and body["band"] == "good" and body["complete"] is True
    assert [i["name"] for i in body["breakdown"]] == ["代码交付", "缺陷率", "团队协作", "产品知识"]
    assert body["improvements"] and body["evidence"][0]["what"] == "Q3项目提前3天交付"
    assert body["calibrations"] == []
    assert client_for("other_manager").get(f"/api/v1/results/{result.pk}").status_code == 404


@pytest.mark.django_db
def test_calibration_through_the_api(scored, org, api_client):
    client_for = api_client
    result = Result.objects.get(cycle=scored, employee=org.employee)
    url = f"/api/v1/results/{result.pk}/calibration"
    hr = client_for("hr_in_scope")
    assert post_json(hr, url, {"band": "excellent", "reason": "x"}).status_code == 403  # cycle still open
    change_status(cycle=scored, to="calibrating", by=org.user("hr_in_scope"))
    assert post_json(hr, url, {"band": "legendary", "reason": "x"}).status_code == 422
    assert post_json(hr, url, {"band": "excellent"}).status_code == 422
    assert post_json(client_for("manager"), url, {"band": "excellent", "reason": "x"}).status_code == 403
    response = post_json(hr, url, {"band": "excellent", "reason": "跨部门协作突出"})
    assert response.status_code == 200 and response.json()["band"] == "excellent"
    assert response.json()["calibrations"][0]["reason"] == "跨部门协作突出"
    assert Calibration.objects.count() == 1
    assert post_json(hr, url, {"band": "excellent", "reason": "again"}).status_code == 409
    assert Calibration.objects.count() == 1


@pytest.mark.django_db
def test_import_through_the_api_with_dry_run(cycle, api_client):
    client_for = api_client
    url = f"/api/v1/cycles/{cycle.pk}/imports/results"
    good = csv_bytes([("E0001", "代码交付", "95", "", "")], header=RESULTS_HEADER)
    hr = client_for("hr_in_scope")
    response = hr.post(url + "?dry_run=true", {"file": SimpleUploadedFile("r.csv", good)})
    assert (
        response.status_code == 200 and response.json()["applied"] is False and not KpiActual.objects.exists()
    )
    bad = csv_bytes([("E0001", "nope", "95", "", "")], header=RESULTS_HEADER)
    response = hr.post(url, {"file": SimpleUploadedFile("r.csv", bad)})
    assert response.status_code == 400 and response.json()["errors"][0]["line"] == 2
    assert not KpiActual.objects.exists()
    response = hr.post(url, {"file": SimpleUploadedFile("r.csv", good)})
    assert (
        response.status_code == 200 and response.json()["applied"] is True and KpiActual.objects.count() == 1
    )
    assert client_for("manager").post(url, {"file": SimpleUploadedFile("r.csv", good)}).status_code == 403
    assert (
        hr.post(
            f"/api/v1/cycles/{cycle.pk}/imports/salaries", {"file": SimpleUploadedFile("r.csv", good)}
        ).status_code
        == 422
    )
    assert hr.post(url, {}).status_code == 400
