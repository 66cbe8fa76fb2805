"""Closure → outcome → HR's check → the employee's acknowledgement → the candidate list and its XLSX;
an extension carries the unmet goals over."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from perfloop.access.models import PrivateRead
from perfloop.plans.models import Goal, Plan
from perfloop.plans.tracking import status
from perfloop.plans.tracking.models import Closure
from perfloop.reviews.models import ReviewCycle
from tests.api.conftest import send

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("reached", "result"),
    [([True, True], "met"), ([True, False], "partly_met"), ([False, False], "not_met"), ([], "not_met")],
)
def test_the_suggested_result(reached, result):
    assert status.suggested_result(reached) == result


def test_reaching_a_target_is_direction_aware():
    assert status.reached(85, 85, "up") and not status.reached(84.9, 85, "up")
    assert status.reached(3, 3, "down") and not status.reached(4, 3, "down")
    assert not status.reached(None, 85, "up") and not status.reached(90, None, "up")


@pytest.fixture
def two_goals(following):
    plan, goal = following
    plan.cycle = ReviewCycle.objects.create(
        name="2026年Q3", start_date=dt.date(2026, 7, 1), end_date=dt.date(2026, 9, 30), status="feedback"
    )
    plan.save()
    errors = Goal.objects.create(
        plan=plan, description="客户投诉每月不超过2次", metric="客户投诉", unit="次", baseline=5, target=2,
        direction="down", deadline=plan.end_date,
    )  # fmt: skip
    return plan, goal, errors


def test_close_decide_check_acknowledge_through_the_api(two_goals, org, api_client):
    plan, goal, errors = two_goals
    manager, hr, employee = api_client("manager"), api_client("hr_in_scope"), api_client("employee")
    url = f"/api/v1/plans/{plan.pk}"
    finals = [{"goal": goal.pk, "value": 86}, {"goal": errors.pk, "value": 3}]
    assert send(employee, "post", f"{url}/close", {"result": "met", "readings": finals})[0] == 403
    status_code, body = send(manager, "post", f"{url}/close", {"result": "met", "readings": finals})
    assert status_code == 400 and body["detail"] == "原因：此项必填。"  # not the suggestion: say why
    assert Plan.objects.get(pk=plan.pk).status == "active"  # nothing changed

    status_code, body = send(manager, "post", f"{url}/close", {"result": "partly_met", "readings": finals})
    assert status_code == 200 and body["suggested"] == "partly_met" and body["outcome"] == ""
    assert {g["goal_id"]: g["reached"] for g in body["goals"]} == {goal.pk: True, errors.pk: False}
    assert send(manager, "post", f"{url}/close", {"result": "met"})[0] == 409  # closed already
    assert send(manager, "get", url)[1]["closure_result"] == "partly_met"

    assert send(hr, "post", f"{url}/outcome/check")[0] == 409  # nothing decided yet
    extend = {"outcome": "extend", "reason": "投诉仍偏多，延长一个周期"}
    status_code, body = send(manager, "post", f"{url}/outcome", extend)
    assert status_code == 200 and body["extension_id"]
    follow = Plan.objects.get(pk=body["extension_id"])
    carried = list(follow.goals.values_list("metric", "baseline", "target", "direction"))
    assert follow.status == "draft" and carried == [("客户投诉", 3, 2, "down")]  # only the unmet goal
    assert send(employee, "post", f"{url}/outcome/check")[0] == 403
    assert send(manager, "post", f"{url}/outcome/check")[0] == 403  # HR's check, not the manager's
    assert send(hr, "post", f"{url}/outcome/check")[1]["checked_at"]
    assert send(manager, "post", f"{url}/outcome", extend)[0] == 409  # checked: no longer changes
    status_code, body = send(employee, "post", f"{url}/closure/acknowledge")
    assert status_code == 200 and body["acknowledged_at"]
    assert send(employee, "get", f"{url}/closure")[1]["outcome"] == "extend"
    assert send(hr, "get", f"{url}/closure")[0] == 200
    assert list(PrivateRead.objects.values_list("what", "ref")) == [
        ("plan", f"plan:{plan.pk}")
    ]  # HR's, logged
    assert send(api_client("other_manager"), "get", f"{url}/closure")[0] == 404


def test_the_candidate_list_and_its_xlsx(two_goals, org, api_client, browser_like):
    plan, goal, errors = two_goals
    manager = api_client("manager")
    send(manager, "post", f"/api/v1/plans/{plan.pk}/close", {"result": "not_met", "reason": "未达成"})
    cycle = plan.cycle
    candidates = f"/api/v1/cycles/{cycle.pk}/candidates"
    status_code, body = send(api_client("hr_in_scope"), "get", f"{candidates}?outcome=pending")
    assert status_code == 200 and [i["plan_id"] for i in body["items"]] == [plan.pk]
    send(
        manager,
        "post",
        f"/api/v1/plans/{plan.pk}/outcome",
        {"outcome": "role_change", "reason": "更适合运营岗"},
    )
    hr = api_client("hr_in_scope")
    assert send(hr, "get", f"{candidates}?outcome=pending")[1]["items"] == []
    item = send(hr, "get", f"{candidates}?outcome=role_change")[1]["items"][0]
    assert item["name"] == "刘洋" and item["result"] == "not_met" and item["reason"] == "更适合运营岗"
    assert send(api_client("hr_out_of_scope"), "get", candidates)[1]["items"] == []
    assert send(manager, "get", candidates)[0] == 403

    page = browser_like("hr_in_scope", "zh-hans")
    html = page.get(
        reverse("insights:outcomes"), {"cycle": cycle.pk, "group": "role_change"}
    ).content.decode()
    assert "刘洋" in html and "岗位调整" in html
    response = page.get(reverse("insights:outcomes"), {"cycle": cycle.pk, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    assert rows[0][:7] == ("工号", "姓名", "部门", "计划", "计划状态", "结果", "结果应用")
    assert rows[1][1] == "刘洋" and rows[1][5] == "未达成" and rows[1][6] == "岗位调整"
    assert rows[0][8] == "决定人" and rows[1][8] == org.user("manager").employee.name  # a name, not a login
    # The lists HR in scope read with the plan in them (the API twice, the page once), then the export.
    assert list(PrivateRead.objects.order_by("pk").values_list("employee__name", "what", "ref")) == [
        *[("刘洋", "plan", "outcomes")] * 3,
        ("刘洋", "export", f"outcomes:{cycle.pk}"),
    ]


def test_closure_and_outcome_on_the_pages(two_goals, org, browser_like):
    plan, goal, errors = two_goals
    manager = browser_like("manager", "zh-hans")
    page = reverse("plans:plan", args=[plan.pk])
    close = reverse("followup:close", args=[plan.pk])
    html = manager.get(close).content.decode()
    assert "建议结果" in html
    response = manager.submit(
        close, close, {f"final_{goal.pk}": "88", f"final_{errors.pk}": "1", "result": "partly_met"}
    )
    assert response.status_code == 400 and "理由" in response.content.decode()  # met was suggested
    finals = {f"final_{goal.pk}": "88", f"final_{errors.pk}": "1"}
    response = manager.submit(close, close, {**finals, "result": "met"})
    assert response.status_code == 302
    assert Closure.objects.get(plan=plan).result == "met"
    response = manager.submit(
        page,
        reverse("followup:outcome", args=[plan.pk]),
        {"outcome": "promotion_candidate", "reason": "表现突出"},
    )
    html = manager.get(page).content.decode()
    assert 'data-outcome="promotion_candidate"' in html and "晋升候选" in html
    hr = browser_like("hr_in_scope", "en")
    hr.submit(page, reverse("followup:outcome_check", args=[plan.pk]), {})
    employee = browser_like("employee", "en")
    html = employee.get(page).content.decode()
    assert "Promotion candidate" in html and "Checked by HR" in html
    employee.submit(page, reverse("followup:closure_acknowledge", args=[plan.pk]), {})
    assert Closure.objects.get(plan=plan).acknowledged_at is not None
    assert timezone.now() >= Closure.objects.get(plan=plan).checked_at


@pytest.mark.django_db
def test_closing_early_or_with_support_still_owed_is_said_first(following, org, client_for):
    plan, _goal = following  # began three weeks ago, runs 40 days more; a training budget open
    page = client_for("manager").get(f"/followup/plans/{plan.pk}/close/").content.decode()
    warning = page.split('data-testid="close-early"')[1].split("</div>")[0]
    assert "计划开始才 21 天" in warning and "产品培训课程费用" in warning


@pytest.mark.django_db
def test_a_closed_plan_s_check_ins_end_in_the_calendars(following, org, django_capture_on_commit_callbacks):
    import icalendar
    from django.utils import timezone

    from perfloop.plans import cadence
    from perfloop.plans.tracking import closing

    plan, _goal = following
    before = icalendar.Calendar.from_ical(cadence.ics_for(plan))
    assert all(e["RRULE"]["UNTIL"][0].date() >= plan.end_date for e in before.walk("VEVENT"))
    closing.close(plan=plan, by=org.user("manager"), result="not_met", reason="", today=timezone.localdate())
    plan.refresh_from_db()
    after = icalendar.Calendar.from_ical(cadence.ics_for(plan))
    for event in after.walk("VEVENT"):
        assert (
            event["RRULE"]["UNTIL"][0].astimezone(timezone.get_current_timezone()).date()
            == timezone.localdate()
        )
        assert event["SEQUENCE"] == plan.sequence > 0
    assert [c.on for c in cadence.check_ins(plan) if c.on > timezone.localdate()] == []
