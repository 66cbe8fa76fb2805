"""URL-walk declarations of the follow-up stage: the target's active plan, with a reading to confirm."""

from django.utils import timezone

from perfloop.plans.models import Goal, Plan
from tests.access.walk_roles import CYCLE_VIEWERS, PUBLIC, SIGNED_IN
from tests.followup.factories import ClosureFactory, ReadingFactory
from tests.plans.factories import GoalFactory, PlanFactory

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
    "followup:close": ("post", HOLDERS),
    "followup:outcome": ("post", HOLDERS),
    "followup:outcome_check": ("post", {"hr_in_scope"}),
    "followup:closure_acknowledge": ("post", {"employee"}),
    "followup:moved_outcomes": ("get", PUBLIC),  # to insights:outcomes, which decides
    "followup:moved_lessons": ("get", PUBLIC),
    "api:plan_close": ("post", HOLDERS),
    "api:plan_outcome": ("post", HOLDERS),
    "api:plan_outcome_check": ("post", {"hr_in_scope"}),
    "api:plan_closure_acknowledge": ("post", {"employee"}),
    "api:plan_closure": ("get", SEES_PLAN),
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
    "api:plan_close": {"result": "met", "reason": "按最终读数"},
    "api:plan_outcome": {"outcome": "raise_candidate", "reason": "目标全部达成"},
    "api:plan_outcome_check": {},
    "api:plan_closure_acknowledge": {},
}


def _plan_of(org, title, status="active") -> Plan:
    plan = PlanFactory(employee=org.employee, owner=org.user("manager"), title=title, status=status)
    GoalFactory(plan=plan, description="测试分数", metric="测试分数", baseline=None, target=85)
    return plan


def arguments(org) -> dict:
    plan = _plan_of(org, "跟踪中")
    reading = ReadingFactory(goal=plan.goals.get(), by=org.user("employee"), confirmed_by=None)
    ending, closed = _plan_of(org, "收尾中"), _plan_of(org, "已结束", status="closed")
    ClosureFactory(plan=closed, closed_by=org.user("manager"), outcome="none", decided_by=org.user("manager"))
    return {
        "followup:close": {"pk": ending.pk},
        "api:plan_close": {"plan_id": ending.pk},
        **{
            name: {"pk": closed.pk}
            for name in ("followup:outcome", "followup:outcome_check", "followup:closure_acknowledge")
        },
        **{
            name: {"plan_id": closed.pk}
            for name in (
                "api:plan_outcome",
                "api:plan_outcome_check",
                "api:plan_closure_acknowledge",
                "api:plan_closure",
            )
        },
        "followup:checkin_add": {"pk": plan.pk},
        "followup:reading_add": {"pk": plan.pk},
        "followup:reading_confirm": {"pk": plan.pk, "reading_id": reading.pk},
        "api:plan_checkins_add": {"plan_id": plan.pk},
        "api:plan_readings_add": {"plan_id": plan.pk},
        "api:reading_confirm": {"reading_id": reading.pk},
    }
