"""Following a plan up through the API (bearer or session) and through its page (CSRF enforced)."""

import datetime as dt
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from perfloop.plans.tracking.models import CheckIn, Reading
from tests.api.conftest import send

pytestmark = pytest.mark.django_db


def test_check_ins_readings_and_the_status_through_the_api(following, org, api_client):
    plan, goal = following
    manager, employee = api_client("manager"), api_client("employee")
    url = f"/api/v1/plans/{plan.pk}"
    status, body = send(manager, "get", url)
    assert body["track"] == "off_track" and "2周内达到75分" in body["status_reason"]  # no reading yet

    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    checkin = {
        "held_on": yesterday, "kind": "brief", "on_track": False, "readings": [{"goal": goal.pk, "value": 70}],
        "deviations": "学习时间不足", "corrections": "调整学习时间到周末, 增加碎片化学习",
    }  # fmt: skip
    assert send(employee, "post", f"{url}/checkins", checkin)[0] == 403
    status, made = send(manager, "post", f"{url}/checkins", checkin)
    assert status == 201 and made["readings"][0]["value"] == "70.00" and made["readings"][0]["confirmed"]
    status, body = send(manager, "get", url)
    assert body["track"] == "off_track" and "70" in body["status_reason"] and "75" in body["status_reason"]

    status, own = send(
        employee, "post", f"{url}/readings", {"goal": goal.pk, "taken_on": yesterday, "value": 78}
    )
    assert status == 201 and not own["confirmed"]
    assert send(employee, "post", f"/api/v1/readings/{own['id']}/confirm")[0] == 403
    assert send(manager, "post", f"/api/v1/readings/{own['id']}/confirm")[1]["confirmed"]
    status, body = send(manager, "get", url)
    assert body["track"] == "on_track" and body["status_reason"] == ""
    assert send(api_client("other_manager"), "post", f"{url}/checkins", checkin)[0] == 404


def test_a_check_in_on_the_plan_page(following, org, browser_like):
    plan, goal = following
    manager = browser_like("manager", "zh-hans")
    page = reverse("plans:plan", args=[plan.pk])
    html = manager.get(page).content.decode()
    assert 'data-track="off_track"' in html and "里程碑“2周内达到75分”已过期1天，没有读数。" in html
    today = timezone.localdate().isoformat()
    response = manager.submit(
        page,
        reverse("followup:checkin_add", args=[plan.pk]),
        {"held_on": today, "kind": "formal", "on_track": "true", f"reading_{goal.pk}": "76",
         "recognition": "这周你主动同步了跨部门项目信息"},
    )  # fmt: skip
    assert response.status_code == 302
    html = manager.get(page).content.decode()
    assert CheckIn.objects.get().recognition == "这周你主动同步了跨部门项目信息"
    assert 'data-track="off_track"' in html  # 76 was read today, after the milestone
    employee = browser_like("employee", "en")
    employee.submit(
        page, reverse("followup:reading_add", args=[plan.pk]),
        {"goal": goal.pk, "taken_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(), "value": "80"},
    )  # fmt: skip
    assert not Reading.objects.get(value=80).confirmed
    response = employee.submit(page, reverse("followup:checkin_add", args=[plan.pk]), {"held_on": today})
    assert response.status_code == 403
    assert "Follow-up" in employee.get(page).content.decode()


def test_a_check_in_dated_outside_the_plan_comes_back_with_the_reason(following, browser_like):
    plan, _goal = following
    manager = browser_like("manager", "zh-hans")
    form = reverse("followup:checkin_add", args=[plan.pk])
    assert 'data-testid="checkin-form"' in manager.get(form).content.decode()
    response = manager.submit(form, form, {"held_on": "2020-01-01", "kind": "brief"})
    assert response.status_code == 400 and "日期须在计划周期内，且不晚于今天。" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_progress_chart_and_shares_done_on_the_plan_page(following, org, browser_like):
    plan, goal = following
    manager = org.user("manager")
    from perfloop.plans.tracking import services

    services.add_reading(
        goal=goal, by=manager, taken_on=timezone.localdate(), value="72", today=timezone.localdate()
    )
    html = browser_like("employee", "en").get(reverse("plans:plan", args=[plan.pk])).content.decode()
    chart = re.search(rf'<script id="goal-chart-{goal.pk}" type="application/json">(.*?)</script>', html)
    options = json.loads(chart.group(1))
    series = {s["name"]: s["data"] for s in options["series"]}
    assert series["Readings"] == [
        [plan.start_date.isoformat(), 65.0],
        [timezone.localdate().isoformat(), 72.0],
    ]
    assert series["Milestones"][0][1] == 75.0 and series["Target"] == [[plan.end_date.isoformat(), 85.0]]
    assert "Action items done: 0/0" in html and "Support commitments kept: 0/1" in html
