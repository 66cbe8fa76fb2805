"""What is due and overdue: the agenda of plans, the follow-up page and GET /api/v1/checkins/due."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from perfloop.plans.models import Plan
from perfloop.plans.tracking import progress
from tests.api.conftest import send
from tests.followup.factories import CheckInFactory

pytestmark = pytest.mark.django_db


def test_the_agenda_lists_overdue_check_ins_missed_milestones_and_late_support(following, org):
    plan, goal = following
    today = timezone.localdate()
    plan.support.update(due=today - dt.timedelta(days=2))
    items = progress.agenda([Plan.objects.get(pk=plan.pk)], today)
    found = {(i["kind"], i["what"]): (i["due"], i["overdue"]) for i in items}
    # Started 21 days ago, a weekly brief check-in never held: due 14 days ago.
    assert found[("check_in", "brief")] == (plan.start_date + dt.timedelta(weeks=1), True)
    assert found[("milestone", "2周内达到75分")] == (today - dt.timedelta(days=1), True)
    assert found[("support", "产品培训课程费用")] == (today - dt.timedelta(days=2), True)
    CheckInFactory(plan=plan, held_on=today, kind="brief")
    items = progress.agenda([Plan.objects.get(pk=plan.pk)], today)
    assert ("check_in", "brief") not in {(i["kind"], i["what"]) for i in items if i["overdue"]}


def test_the_follow_up_page_and_api_by_scope(following, org, browser_like, api_client):
    plan, _goal = following
    page = browser_like("manager", "zh-hans").get(reverse("followup:due")).content.decode()
    assert "刘洋" in page and "简短跟进" in page and "天" in page
    mine = browser_like("employee", "en").get(reverse("followup:due")).content.decode()
    assert "Brief check-in" in mine and "days late" in mine
    assert "刘洋" not in browser_like("other_manager").get(reverse("followup:due")).content.decode()
    status, body = send(api_client("manager"), "get", "/api/v1/checkins/due?scope=team")
    assert status == 200 and {i["kind"] for i in body["items"]} >= {"check_in", "milestone"}
    assert all(i["plan_id"] == plan.pk for i in body["items"])
    assert send(api_client("employee"), "get", "/api/v1/checkins/due?scope=team")[1]["items"] == []
    assert send(api_client("employee"), "get", "/api/v1/checkins/due")[1]["count"] >= 2
