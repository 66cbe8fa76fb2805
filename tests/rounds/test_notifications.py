"""Reminders of a round: 3 days and 1 day before the deadline and once overdue, each sent once
however often `send_reminders` runs; nominations waiting reach the manager; a reviewer's notice
never names the person reviewed."""

import datetime as dt

import pytest
from django.utils import timezone

from perfloop.notify import words
from perfloop.notify.models import Notification
from perfloop.notify.reminders import send_reminders
from perfloop.rounds import services
from perfloop.rounds.models import ReviewForm, ReviewRound
from tests.org.factories import UserFactory

pytestmark = pytest.mark.django_db


def due_in(round_, days):
    ReviewRound.objects.filter(pk=round_.pk).update(
        deadline=timezone.localdate() + dt.timedelta(days=days),
        opens_on=timezone.localdate() - dt.timedelta(days=20),
    )


def heard(event):
    return sorted(Notification.objects.filter(event=event).values_list("recipient__username", "params__n"))


def test_three_days_and_one_day_before_and_overdue_each_once(round_, org):
    ReviewForm.objects.filter(reviewer=org.manager).update(status="submitted")  # the manager is done
    due_in(round_, 3)
    send_reminders()
    owed = ReviewForm.objects.filter(reviewer=org.employee).exclude(status="submitted").count()
    assert ("employee", owed) in heard("rounds.due_soon")
    assert "manager" not in [who for who, _n in heard("rounds.due_soon")]
    assert send_reminders() == 0  # run again: nothing twice
    due_in(round_, 1)
    assert send_reminders() > 0
    assert [n for who, n in heard("rounds.due_soon") if who == "employee"] == [owed, owed]
    due_in(round_, -1)
    send_reminders()
    assert heard("rounds.overdue").count(("employee", owed)) == 1
    assert send_reminders() == 0


def test_the_reviewers_notice_never_names_whom_they_review(round_, org):
    due_in(round_, 1)
    send_reminders()
    note = Notification.objects.get(event="rounds.due_soon", recipient__username="employee")
    for language in ("zh-hans", "en"):
        text = words.text(note.event, note.params, language)
        assert "李组长" not in text and round_.cycle.name in text
    assert "李组长" not in str(note.params)


def test_a_submitted_round_reminds_nobody_and_a_closed_one_neither(round_, org, company_hr):
    due_in(round_, 3)
    ReviewForm.objects.filter(round=round_).update(status="submitted")
    assert send_reminders() == 0
    ReviewForm.objects.filter(round=round_).update(status="draft")
    ReviewRound.objects.filter(pk=round_.pk).update(status="closed")
    assert send_reminders() == 0


def test_proposed_reviewers_reach_the_manager(round_, org, setup, django_capture_on_commit_callbacks):
    org.lead.user = UserFactory(username="lead")
    org.lead.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.nominate(
            round=round_, employee=org.employee, reviewer=setup.peers[0], by=org.user("employee")
        )
    note = Notification.objects.get(event="rounds.nominations_to_approve")
    assert note.recipient.username == "lead"
    assert words.text(note.event, note.params, "zh-hans").startswith("刘洋")
    assert str(setup.peers[0].name) not in str(note.params)  # whom they proposed is on the page only
