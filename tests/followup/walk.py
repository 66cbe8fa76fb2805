"""URL-walk declarations of the follow-up stage: the target's active plan, with a reading to confirm."""

import datetime as dt

from django.utils import timezone

from perfloop.followup.models import Reading
from perfloop.plans.models import Goal, Plan
from tests.access.walk_roles import CYCLE_VIEWERS, SIGNED_IN

HOLDERS = {"manager", "hr_in_scope"}
SEES_PLAN = {"employee", *HOLDERS}

DECLARED = {
    "followup:due": ("get", CYCLE_VIEWERS),
    "api:checkins_due": ("get", SIGNED_IN),  # the caller's own or their team's; empty for others
    "followup:checkin_add": ("post", HOLDERS),
    "followup:reading_add": ("post", SEES_PLAN),  # the employee's own, to be confirmed
    "followup:reading_confirm": ("post", HOLDERS),
    "api:plan_checkins_add": ("post", HOLDERS),
    "api:plan_readings_add": ("post", SEES_PLAN),
    "api:reading_confirm": ("post", HOLDERS),
}
ABOUT_TARGET = {name for name, (_m, roles) in DECLARED.items() if roles <= SEES_PLAN}


def _today():
    return timezone.localdate().isoformat()


PAYLOAD = {
    "api:plan_checkins_add": lambda org: {"held_on": _today(), "kind": "brief", "notes": "进展顺利"},
    "api:plan_readings_add": lambda org: {
        "goal": Goal.objects.filter(plan__status="active", plan__employee=org.employee).first().pk,
        "taken_on": _today(),
        "value": 75,
    },
    "api:reading_confirm": {},
}


def arguments(org) -> dict:
    today = timezone.localdate()
    plan = Plan.objects.create(
        employee=org.employee, owner=org.user("manager"), title="跟踪中", status="active",
        start_date=today - dt.timedelta(days=30), end_date=today + dt.timedelta(days=30),
    )  # fmt: skip
    goal = Goal.objects.create(
        plan=plan, description="测试分数", metric="测试分数", target=85, deadline=plan.end_date
    )
    reading = Reading.objects.create(goal=goal, taken_on=today, value=70, by=org.user("employee"))
    return {
        "followup:checkin_add": {"pk": plan.pk},
        "followup:reading_add": {"pk": plan.pk},
        "followup:reading_confirm": {"pk": plan.pk, "reading_id": reading.pk},
        "api:plan_checkins_add": {"plan_id": plan.pk},
        "api:plan_readings_add": {"plan_id": plan.pk},
        "api:reading_confirm": {"reading_id": reading.pk},
    }
