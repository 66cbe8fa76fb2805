# ruff: noqa: F811  (pytest fixtures imported by name and used as arguments)
"""Home as a to-do list per role: each item from the stage that asks for it, linking to where it
is done, and nothing about people outside the user's reach."""

import datetime as dt
import html as markup
import re

import pytest
from django.utils import timezone

from perfloop.feedback.models import Appeal
from perfloop.notify.models import Delivery
from perfloop.plans.models import Plan
from perfloop.reviews.models import Result
from tests.feedback.factories import FeedbackRecordFactory
from tests.followup.conftest import following  # noqa: F401  (刘洋's active plan, a milestone missed)
from tests.followup.factories import ClosureFactory, ReadingFactory
from tests.notify.factories import DeliveryFactory, NotificationFactory
from tests.plans.conftest import cycle, in_feedback, plan, ready, record, scored  # noqa: F401
from tests.plans.factories import PlanFactory

pytestmark = pytest.mark.django_db


def todos(client) -> dict[str, list[tuple[str, str]]]:
    """todo key → [(text, link)] as the home page shows them."""
    html = client.get("/").content.decode()
    found: dict[str, list] = {}
    for key, body in re.findall(r'data-testid="todo-([\w-]+)">(.*?)</li>', html, re.S):
        link, text = re.search(r'<a href="([^"]+)">([^<]+)</a>', body).groups()
        found.setdefault(key, []).append((markup.unescape(text), markup.unescape(link)))
    return found


def opens(client, link) -> bool:
    return client.get(link).status_code == 200


def test_an_employee_is_asked_to_acknowledge_their_record_and_their_plan(org, record, plan, browser_like):
    ready(plan, org)
    employee = browser_like("employee", "zh-hans")
    found = todos(employee)
    ((text, link),) = found["acknowledge-record"]
    assert text.startswith("请阅读并确认您的反馈面谈记录") and opens(employee, link)
    ((text, link),) = found["acknowledge-plan"]
    assert "刘洋的绩效改进计划" in text and link == f"/plans/{plan.pk}/" and opens(employee, link)
    assert "hold" not in found and "send-plans" not in found  # nobody reports to 刘洋


def test_a_manager_sees_conversations_to_hold_plans_to_write_and_send(org, in_feedback, browser_like):
    manager = browser_like("manager")
    lead_result = Result.objects.get(cycle=in_feedback, employee=org.lead)
    FeedbackRecordFactory(
        result=lead_result, holder=org.user("manager"), starts_at=timezone.now() - dt.timedelta(hours=2)
    )
    Result.objects.filter(cycle=in_feedback, employee=org.employee).update(band="needs_improvement")
    PlanFactory(employee=org.lead, owner=org.user("manager"), cycle=in_feedback)  # a draft not sent
    found = todos(manager)
    ((text, link),) = found["hold"]
    assert text.startswith("Record the conversation with 李组长") and opens(manager, link)
    ((text, link),) = found["write-plan"]
    assert "刘洋" in text and link == "/plans/new/?employee=E0001" and opens(manager, link)
    ((text, link),) = found["send-plans"]
    assert text == "1 draft plan to finish and send" and opens(manager, link)
    assert "刘洋" in found["without-conversation"][0][0] or "1 person" in found["without-conversation"][0][0]
    # Late items first.
    html = manager.get("/").content.decode()
    assert html.index('data-testid="todo-hold"') < html.index('data-testid="todo-write-plan"')
    # Another manager's line is not theirs.
    assert not todos(browser_like("other_manager")).get("hold")


def test_follow_up_todos_for_the_manager_and_the_employee(org, following, browser_like):
    plan, goal = following
    ReadingFactory(goal=goal, by=org.user("employee"), confirmed_by=None)
    manager = browser_like("manager", "zh-hans")
    found = todos(manager)
    ((text, link),) = found["team-overdue"]
    assert text == "团队中有 2 项跟进或里程碑已逾期" and opens(manager, link)  # the milestone, a check-in
    ((text, link),) = found["confirm-readings"]
    assert text == "确认 刘洋 填报的数据" and link == f"/plans/{plan.pk}/"
    employee = browser_like("employee", "zh-hans")
    ((text, link),) = todos(employee)["my-checkin"]
    assert "跟进" in text and link == f"/plans/{plan.pk}/"


def test_a_plan_past_its_end_is_to_close_and_a_closing_one_to_decide(org, following, browser_like):
    plan, _goal = following
    Plan.objects.filter(pk=plan.pk).update(end_date=timezone.localdate() - dt.timedelta(days=1))
    manager = browser_like("manager")
    ((text, link),) = todos(manager)["close-plan"]
    ended = timezone.localdate() - dt.timedelta(days=1)
    assert (
        text == f"Close 刘洋's plan: it ended on {ended.day} {ended:%b %Y}" and link == f"/plans/{plan.pk}/"
    )
    # Closed with its result: the manager decides the outcome, then HR checks it.
    Plan.objects.filter(pk=plan.pk).update(status="closing")
    closure = ClosureFactory(plan=plan, closed_by=org.user("manager"), outcome="")
    ((text, link),) = todos(manager)["decide-outcome"]
    assert text == "Decide the outcome of 刘洋's plan" and opens(manager, link)
    assert "check-outcomes" not in todos(browser_like("hr_in_scope"))
    closure.outcome = "promotion_candidate"
    closure.save()
    hr = browser_like("hr_in_scope")
    ((text, link),) = todos(hr)["check-outcomes"]
    assert text == "1 outcome to check" and opens(hr, link)
    assert "decide-outcome" not in todos(manager)


def test_hr_sees_appeals_and_failed_deliveries_in_scope_only(org, record, browser_like):
    Appeal.objects.create(record=record, reason="结果不公")
    DeliveryFactory(
        notification=NotificationFactory(recipient=org.user("employee")), status=Delivery.Status.FAILED
    )
    hr = browser_like("hr_in_scope", "zh-hans")
    found = todos(hr)
    assert found["appeals"] == [("1 项申诉待处理", "/feedback/appeals/")]
    ((text, link),) = found["failed-deliveries"]
    assert text == "1 条消息未能送达" and opens(hr, link)
    outside = todos(browser_like("hr_out_of_scope", "zh-hans"))
    assert "appeals" not in outside and "failed-deliveries" not in outside


def test_nothing_to_do_says_so(org, browser_like):
    html = browser_like("other_employee").get("/").content.decode()
    assert 'data-testid="nothing-to-do"' in html
