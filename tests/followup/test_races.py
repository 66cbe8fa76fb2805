"""One decision at a time on a plan: closing, the outcome, HR's check and check-ins read the plan
again under a row lock (real concurrent connections, on SQLite and on PostgreSQL)."""

import datetime as dt
from functools import partial

import pytest
from django.utils import timezone

from perfloop.plans.models import Plan
from perfloop.plans.tracking import closing, services
from perfloop.plans.tracking.models import CheckIn, Closure
from tests.races import race, refused

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 3


def _page(plan) -> Plan:
    """The plan as a page loaded it."""
    return Plan.objects.select_related("employee").get(pk=plan.pk)


def _close(plan, org, reading=80):
    goal = plan.goals.get()
    return closing.close(plan=plan, by=org.user("manager"), result="not_met", today=timezone.localdate(),
                         readings=[(goal.pk, reading)])  # fmt: skip


def test_two_closes_at_once_one_is_refused_not_a_crash(following, org):
    plan, _goal = following
    first, second = _page(plan), _page(plan)
    outcomes = race(lambda: _close(first, org), lambda: _close(second, org))
    assert sum(isinstance(o, Closure) for o in outcomes) == 1
    assert sum(refused(o, "conflict") for o in outcomes) == 1, outcomes
    assert Closure.objects.filter(plan=plan).count() == 1


def test_two_extends_at_once_draft_one_follow_up_plan(following, org):
    plan, _goal = following
    _close(_page(plan), org)
    today = timezone.localdate()
    for _round in range(ROUNDS):
        plans_before = Plan.objects.count()
        one, other = _page(plan), _page(plan)
        race(
            partial(
                closing.decide_outcome,
                plan=one,
                by=org.user("manager"),
                outcome="extend",
                reason="再给两个月",
                today=today,
            ),  # fmt: skip
            partial(
                closing.decide_outcome,
                plan=other,
                by=org.user("manager"),
                outcome="extend",
                reason="再给两个月",
                today=today,
            ),  # fmt: skip
        )
        assert Plan.objects.count() == plans_before + (1 if _round == 0 else 0)
    assert Closure.objects.get(plan=plan).extension is not None


def test_an_hr_check_that_answered_is_never_overwritten(following, org):
    plan, _goal = following
    _close(_page(plan), org)
    closing.decide_outcome(plan=_page(plan), by=org.user("manager"), outcome="none", reason="已改善",
                           today=timezone.localdate())  # fmt: skip
    for _round in range(ROUNDS):
        hr_page, managers_page = _page(plan), _page(plan)
        checked, decided = race(
            partial(closing.check_outcome, plan=hr_page, by=org.user("hr_in_scope")),
            partial(
                closing.decide_outcome,
                plan=managers_page,
                by=org.user("manager"),
                outcome="raise_candidate",
                reason="进步明显",
                today=timezone.localdate(),
            ),  # fmt: skip
        )
        closure = Closure.objects.get(plan=plan)
        if isinstance(checked, Closure):  # HR's check answered: it stands, on the outcome HR saw
            assert closure.checked_at is not None
            assert refused(decided, "conflict") or closure.outcome == "raise_candidate"
        else:
            assert refused(checked, "conflict") and closure.checked_at is not None
        Closure.objects.filter(plan=plan).update(checked_at=None, checked_by=None, outcome="none")


def test_a_check_in_after_the_plan_was_closed_is_refused(following, org):
    plan, goal = following
    managers_page, check_in_page = _page(plan), _page(plan)
    closed, checked_in = race(
        lambda: _close(managers_page, org),
        lambda: services.record_checkin(
            plan=check_in_page,
            by=org.user("manager"),
            kind="brief",
            held_on=timezone.localdate() - dt.timedelta(days=1),
            today=timezone.localdate(),
            notes="进展顺利",
        ),  # fmt: skip
        in_turn=True,
    )
    assert isinstance(closed, Closure) and refused(checked_in, "conflict")
    assert not CheckIn.objects.filter(plan=plan).exists()
