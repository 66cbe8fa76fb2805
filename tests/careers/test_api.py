"""Dossiers, decisions and the development path over the API, with a bearer token and with a
session (CSRF enforced): the same writes and refusals as the pages."""

import pytest
from django.utils import timezone

from perfloop.careers.models import Dossier
from perfloop.org.models import Employee
from tests.api.conftest import api_client, send  # noqa: F401  (CSRF-enforcing bearer/session clients)
from tests.careers.factories import PositionFactory

pytestmark = pytest.mark.django_db


def test_open_recommend_decide_and_communicate_over_the_api(org, history, api_client):  # noqa: F811
    hr, manager, person = api_client("hr_in_scope"), api_client("manager"), api_client("employee")
    senior = PositionFactory(name="高级工程师")
    status, dossier = send(hr, "post", "/api/v1/dossiers", {"employee": org.employee.pk, "kind": "promotion",
                                                            "position": senior.pk})  # fmt: skip
    assert status == 201 and dossier["trend"] == "24.0" and len(dossier["cycles"]) == 3
    assert dossier["cycles"][1]["calibrations"] == ["fair → good: 跨部门项目贡献未计入"]
    assert dossier["next_steps"][0]["needs"][0] == {
        "indicator": "交付",
        "level": "100.00",
        "score": "104.00",
        "met": True,
    }
    url = f"/api/v1/dossiers/{dossier['id']}"
    assert send(hr, "post", "/api/v1/dossiers", {"employee": org.employee.pk, "kind": "promotion",
                                                 "position": senior.pk})[0] == 409  # fmt: skip
    assert send(hr, "post", f"{url}/recommendation", {"recommendation": "recommend", "text": "好"})[0] == 403
    status, recommended = send(manager, "post", f"{url}/recommendation", {"recommendation": "recommend",
                                                                          "text": "三个季度持续提升"})  # fmt: skip
    assert status == 200 and recommended["recommendation"] == "recommend"
    assert send(manager, "post", f"{url}/decision", {"decision": "approved", "reason": "x"})[0] == 403
    assert (
        send(hr, "post", f"{url}/decision", {"decision": "approved", "reason": "达标"})[0] == 400
    )  # no date
    today = timezone.localdate().isoformat()
    status, decided = send(hr, "post", f"{url}/decision", {"decision": "approved", "reason": "达标",
                                                           "effective_date": today})  # fmt: skip
    assert status == 200 and decided["decision"] == "approved" and decided["applied_at"] is not None
    assert Employee.objects.get(pk=org.employee.pk).position == senior
    assert send(hr, "post", f"{url}/decision", {"decision": "rejected", "reason": "x"})[0] == 409
    assert send(person, "get", "/api/v1/my/career-decisions")[1]["items"] == []
    assert send(hr, "post", f"{url}/communicated")[0] == 200
    assert send(hr, "post", f"{url}/communicated")[0] == 409
    (mine,) = send(person, "get", "/api/v1/my/career-decisions")[1]["items"]
    assert mine["decision"] == "approved" and mine["position"] == "高级工程师" and "reason" not in mine
    assert send(person, "get", url)[0] == 404  # never the dossier itself
    assert send(api_client("hr_out_of_scope"), "get", url)[0] == 404
    status, listed = send(manager, "get", "/api/v1/dossiers?state=decided")
    assert status == 200 and [d["id"] for d in listed["items"]] == [dossier["id"]]


def test_the_development_path_over_the_api(org, history, api_client):  # noqa: F811
    admin = api_client("admin")
    lead, architect = PositionFactory(name="组长"), PositionFactory(name="架构师")
    body = {"position": lead.pk, "next_position": architect.pk,
            "requirements": [{"indicator": "专业技能", "level": 90}]}  # fmt: skip
    assert send(api_client("hr_in_scope"), "post", "/api/v1/development-path", body)[0] == 403
    status, step = send(admin, "post", "/api/v1/development-path", body)
    assert status == 201 and step["requirements"] == [{"indicator": "专业技能", "level": 90.0}]
    same = {
        **body,
        "requirements": [{"indicator": "专业技能", "level": 1}, {"indicator": "专业技能", "level": 2}],
    }
    assert send(admin, "post", "/api/v1/development-path", same)[0] == 400
    status, standing = send(api_client("employee"), "get", f"/api/v1/employees/{org.employee.pk}/standing")
    assert (
        status == 200
        and standing["cycle"] == "2026年Q3"
        and standing["next_steps"][0]["position"] == "高级工程师"
    )
    assert (
        send(api_client("other_employee"), "get", f"/api/v1/employees/{org.employee.pk}/standing")[0] == 404
    )
    assert send(admin, "delete", f"/api/v1/development-path/{step['id']}")[0] == 204
    assert not Dossier.objects.exists()
