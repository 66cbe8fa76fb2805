"""A script moves a cycle as HR does on its page: status with its reasons, scoring, settings; and
a manager tags root causes — over the API, with a bearer token or a session with its CSRF token."""

from decimal import Decimal

import pytest

from perfloop.reviews.models import Result, ReviewCycle, RootCause
from tests.api.conftest import api_client, send  # noqa: F401  (CSRF-enforcing bearer/session clients)

SETTINGS = {
    "thresholds": {"excellent": 92, "good": 80, "satisfactory": 65, "needs_improvement": 50},
    "relation_weights": {"manager": 60, "peer": 20, "subordinate": 10, "customer": 10, "self": 0},
    "min_raters": 2,
    "distribution_guide": {"excellent": 15},
}


@pytest.mark.django_db
def test_hr_moves_scores_and_sets_a_cycle(org, scored, api_client):  # noqa: F811
    hr, cycle = api_client("hr_in_scope"), scored
    status, answer = send(hr, "put", f"/api/v1/cycles/{cycle.pk}/settings", SETTINGS)
    assert status == 200 and answer["thresholds"]["excellent"] == 92 and answer["min_raters"] == 2
    cycle.refresh_from_db()
    assert cycle.relation_weights["manager"] == 60 and cycle.distribution_guide == {"excellent": 15}
    status, answer = send(hr, "post", f"/api/v1/cycles/{cycle.pk}/score")
    assert status == 200 and answer["computed"] == Result.objects.filter(cycle=cycle).count() > 0
    status, answer = send(hr, "post", f"/api/v1/cycles/{cycle.pk}/status", {"to": "calibrating"})
    assert status == 200 and answer["status"] == "calibrating"
    status, answer = send(hr, "post", f"/api/v1/cycles/{cycle.pk}/status", {"to": "feedback"})
    assert status == 400 and answer["detail"]  # results incomplete (李组长): a reason is needed
    status, answer = send(
        hr, "post", f"/api/v1/cycles/{cycle.pk}/status", {"to": "feedback", "reason": "李组长的数据下周补"}
    )
    assert status == 200 and answer["status"] == "feedback"
    status, answer = send(hr, "post", f"/api/v1/cycles/{cycle.pk}/score")
    assert status == 409 and ReviewCycle.objects.get(pk=cycle.pk).status == "feedback"
    status, answer = send(hr, "post", f"/api/v1/cycles/{cycle.pk}/status", {"to": "open"})
    assert status == 409 and answer["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "words"),
    [
        (
            {"thresholds": {"excellent": 70, "good": 80, "satisfactory": 65, "needs_improvement": 50}},
            "above the next",
        ),
        ({"relation_weights": {"manager": 0}}, "needs a weight above 0"),
        ({"min_raters": 0}, "Raters per relation"),
    ],
)
def test_settings_the_page_refuses_the_api_refuses_with_the_same_words(org, cycle, api_client, change, words):  # noqa: F811
    hr = api_client("hr_in_scope")
    hr.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    before = ReviewCycle.objects.get(pk=cycle.pk).thresholds
    status, answer = send(hr, "put", f"/api/v1/cycles/{cycle.pk}/settings", {**SETTINGS, **change})
    assert (
        status == 400
        and words in answer["detail"]
        and ReviewCycle.objects.get(pk=cycle.pk).thresholds == before
    )


@pytest.mark.django_db
def test_only_hr_moves_a_cycle(org, cycle, api_client):  # noqa: F811
    status, _ = send(
        api_client("manager"), "post", f"/api/v1/cycles/{cycle.pk}/status", {"to": "calibrating"}
    )
    assert status == 403 and ReviewCycle.objects.get(pk=cycle.pk).status == cycle.status


@pytest.mark.django_db
def test_a_manager_tags_and_removes_a_root_cause(org, scored, api_client):  # noqa: F811
    from perfloop.reviews.services import score_cycle

    score_cycle(cycle=scored)
    result = Result.objects.get(cycle=scored, employee=org.employee)
    short = next(i for i in result.breakdown if i["kind"] == "kpi" and i["name"] == "代码交付")
    manager = api_client("manager")
    status, cause = send(manager, "post", f"/api/v1/results/{result.pk}/root-causes",
                         {"indicator_id": short["indicator_id"], "cause": "skills", "note": "缺少单元测试经验"})  # fmt: skip
    assert status == 201 and RootCause.objects.get().note == "缺少单元测试经验"
    status, _ = send(
        api_client("employee"), "delete", f"/api/v1/results/{result.pk}/root-causes/{cause['id']}"
    )
    assert status in (403, 404) and RootCause.objects.exists()
    status, _ = send(manager, "delete", f"/api/v1/results/{result.pk}/root-causes/{cause['id']}")
    assert status == 204 and not RootCause.objects.exists()


@pytest.mark.django_db
def test_hr_enters_actual_values_and_a_manager_adds_evidence(org, cycle, api_client):  # noqa: F811
    from perfloop.reviews.models import EvidenceRecord, Indicator, KpiActual

    delivery = Indicator.objects.get(name="代码交付")
    teamwork = Indicator.objects.get(name="团队协作")  # a competency: no actual value
    url = f"/api/v1/cycles/{cycle.pk}/people/{org.employee.pk}"
    hr, manager = api_client("hr_in_scope"), api_client("manager")
    status, saved = send(
        hr,
        "put",
        f"{url}/actuals",
        {"values": [{"indicator": delivery.pk, "actual": "97.5", "note": "含加班"}]},
    )
    assert status == 200 and saved == {"saved": 1}
    assert KpiActual.objects.get(employee=org.employee, indicator=delivery).actual == Decimal("97.5")
    status, refused = send(hr, "put", f"{url}/actuals", {"values": [{"indicator": teamwork.pk, "actual": 3}]})
    assert status == 400 and str(teamwork.pk) in refused["detail"]
    assert (
        send(manager, "put", f"{url}/actuals", {"values": [{"indicator": delivery.pk, "actual": 1}]})[0]
        == 403
    )
    body = {
        "date": "2026-08-01",
        "indicator": delivery.pk,
        "kind": "positive",
        "what": "提前两天上线",
        "impact": "客户满意",
    }
    status, record = send(manager, "post", f"{url}/evidence", body)
    assert status == 201 and EvidenceRecord.objects.get(pk=record["id"]).created_by == org.user("manager")
    ReviewCycle.objects.filter(pk=cycle.pk).update(status="feedback")  # data closed
    assert send(manager, "post", f"{url}/evidence", body)[0] == 409
    assert send(api_client("other_manager"), "post", f"{url}/evidence", body)[0] == 404
