"""`send_reminders`: what time passing raises, to whom, once however often it runs, in a number of
queries that does not grow with the plans."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from perfloop.notify.models import Notification
from perfloop.notify.reminders import send_reminders
from perfloop.plans.models import Milestone, Plan

pytestmark = pytest.mark.django_db


def test_a_late_check_in_and_a_missed_milestone_remind_both_once(following, org):
    plan, goal = following
    assert send_reminders() == 4  # two events, each to the employee and the manager
    heard = sorted(Notification.objects.values_list("event", "recipient__username"))
    assert heard == [
        ("followup.checkin_overdue", "employee"), ("followup.checkin_overdue", "manager"),
        ("followup.milestone_passed", "employee"), ("followup.milestone_passed", "manager"),
    ]  # fmt: skip
    assert send_reminders() == 0 and Notification.objects.count() == 4  # run again: nothing twice
    note = Notification.objects.get(event="followup.milestone_passed", recipient__username="employee")
    from perfloop.notify import words

    assert words.text(note.event, note.params, "zh-hans").startswith(
        "您的计划《产品知识提升》的里程碑“2周内达到75分”"  # addressed to the employee
    )
    theirs = Notification.objects.get(event="followup.milestone_passed", recipient__username="manager")
    assert words.text(theirs.event, theirs.params, "zh-hans").startswith(
        "计划《产品知识提升》（刘洋）的里程碑“2周内达到75分”"
    )


def test_a_plan_ending_within_a_week_and_the_command(following, org):
    plan, goal = following
    Plan.objects.filter(pk=plan.pk).update(end_date=timezone.localdate() + dt.timedelta(days=3))
    out = __import__("io").StringIO()
    call_command("send_reminders", stdout=out)
    assert Notification.objects.filter(event="plans.ending").count() == 2
    call_command("send_reminders", stdout=out)
    assert out.getvalue().splitlines()[-1] == "0 new notifications"


def _more_plans(org, count):
    today = timezone.localdate()
    for _ in range(count):
        plan = Plan.objects.create(
            employee=org.employee, owner=org.user("manager"), title="再来一个", status="active",
            start_date=today - dt.timedelta(days=30), end_date=today + dt.timedelta(days=30),
        )  # fmt: skip
        Milestone.objects.create(plan=plan, title="半程", due=today - dt.timedelta(days=2), expected=1)


def test_queries_do_not_grow_with_the_plans(org):
    counts = []
    for count in (5, 25):
        _more_plans(org, count)
        Notification.objects.all().delete()
        with CaptureQueriesContext(connection) as queries:
            send_reminders()
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_meeting_tomorrow_reminds_both_and_a_cancelled_one_nobody(org):
    from perfloop.feedback import services
    from tests.feedback.factories import FeedbackRecordFactory
    from tests.reviews.factories import ResultFactory

    record = FeedbackRecordFactory(
        result=ResultFactory(employee=org.employee), holder=org.user("manager"), status="planned"
    )
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    services.schedule(
        record=record, by=org.user("manager"), minutes=45, place="A",
        starts_at=timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(10))),
    )  # fmt: skip
    other = FeedbackRecordFactory(
        result=ResultFactory(employee=org.other_employee), holder=org.user("other_manager"), status="planned"
    )
    services.schedule(
        record=other, by=org.user("other_manager"), minutes=45, place="B",
        starts_at=timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(11))),
    )  # fmt: skip
    services.cancel_meeting(record=other, by=org.user("other_manager"))
    send_reminders()
    heard = set(
        Notification.objects.filter(event="feedback.meeting_tomorrow").values_list(
            "recipient__username", flat=True
        )
    )
    assert heard == {"employee", "manager"}
