"""Every page, answer and file that shows someone else's record is a logged private read: the
appeals list (dispute reasons), HR's outcome lists (reasons), the close and check-in pages, a
new plan's page (the result's figures), plan write answers, and calendar files."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from perfloop.access.models import PrivateRead
from perfloop.feedback import services as feedback
from perfloop.plans.models import Plan
from perfloop.plans.tracking import closing
from tests.api.conftest import send
from tests.feedback.conftest import held

pytestmark = pytest.mark.django_db


def _reads(role, org, what):
    return PrivateRead.objects.filter(reader=org.user(role), employee=org.employee, what=what).count()


def test_hr_reading_dispute_reasons_in_the_appeals_list_is_logged(record, org, client_for, api_client):
    held(record, org, strengths="沟通清晰")
    feedback.dispute(record=record, by=org.user("employee"), reason="评价不符合事实")
    page = client_for("hr_in_scope").get(reverse("feedback:appeals")).content.decode()
    assert "评价不符合事实" in page and _reads("hr_in_scope", org, "feedback") == 1
    assert send(api_client("hr_in_scope"), "get", "/api/v1/appeals")[0] == 200
    assert _reads("hr_in_scope", org, "feedback") == 2


def test_a_meeting_file_opened_by_hr_is_logged(record, org, client_for):
    feedback.schedule(record=record, by=org.user("manager"), starts_at=timezone.now() + dt.timedelta(days=1),
                      minutes=45, place="3楼")  # fmt: skip
    assert client_for("hr_in_scope").get(reverse("feedback:invitation", args=[record.pk])).status_code == 200
    assert _reads("hr_in_scope", org, "feedback") == 1
    client_for("manager").get(reverse("feedback:invitation", args=[record.pk]))  # the one holding it
    assert PrivateRead.objects.filter(reader=org.user("manager")).count() == 0


def test_hr_on_the_close_and_check_in_pages_and_plan_files_is_logged(following, org, client_for):
    plan, _goal = following
    hr = client_for("hr_in_scope")
    for name in ("followup:close", "followup:checkin_add", "plans:checkins"):
        before = _reads("hr_in_scope", org, "plan")
        assert hr.get(reverse(name, args=[plan.pk])).status_code == 200, name
        assert _reads("hr_in_scope", org, "plan") == before + 1, name
    client_for("manager").get(reverse("followup:close", args=[plan.pk]))  # the plan's owner
    assert PrivateRead.objects.filter(reader=org.user("manager")).count() == 0


def test_a_plan_answer_to_hrs_write_is_logged(following, org, api_client):
    plan, _goal = following
    status, _body = send(api_client("hr_in_scope"), "post", f"/api/v1/plans/{plan.pk}/actions",
                         {"text": "参加培训", "reason": "补充行动"})  # fmt: skip
    assert status == 201 and _reads("hr_in_scope", org, "plan") == 1


def test_the_outcome_lists_log_whose_outcomes_were_read(following, org, client_for, api_client, in_feedback):
    plan, goal = following
    Plan.objects.filter(pk=plan.pk).update(cycle=in_feedback)
    closing.close(plan=plan, by=org.user("manager"), result="not_met", today=timezone.localdate(),
                  readings=[(goal.pk, 70)])  # fmt: skip
    closing.decide_outcome(plan=plan, by=org.user("manager"), outcome="extend", reason="再给两个月",
                           today=timezone.localdate())  # fmt: skip
    page = client_for("hr_in_scope").get(reverse("insights:outcomes") + f"?cycle={in_feedback.pk}")
    assert "再给两个月" in page.content.decode() and _reads("hr_in_scope", org, "plan") == 1
    status, listed = send(api_client("hr_in_scope"), "get", f"/api/v1/cycles/{in_feedback.pk}/candidates")
    assert status == 200 and listed["count"] == 1 and _reads("hr_in_scope", org, "plan") == 2


def test_a_new_plans_page_showing_the_result_is_logged(record, org, client_for):
    held(record, org, strengths="沟通清晰")
    page = client_for("hr_in_scope").get(reverse("plans:new") + f"?employee={org.employee.employee_no}")
    assert page.status_code == 200
    assert _reads("hr_in_scope", org, "result") == 1 and _reads("hr_in_scope", org, "feedback") == 1
