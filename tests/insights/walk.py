"""URL-walk declarations of the insights app: HR's outcome lists and the lessons, with a plan of
the target's that is closed (a lesson may be written from it)."""

import datetime as dt

from django.utils import timezone

from perfloop.plans.models import Plan
from perfloop.reviews.models import ReviewCycle
from tests.access.walk_roles import CYCLE_VIEWERS, HR, SIGNED_IN, TEAM_VIEWERS
from tests.followup.factories import ClosureFactory
from tests.plans.factories import GoalFactory, PlanFactory

HOLDERS = {"manager", "hr_in_scope"}

DECLARED = {
    "insights:outcomes": ("get", HR),
    "insights:team": ("get", TEAM_VIEWERS),  # departments of the reader's: their scope or their own
    "insights:team_trends": ("get", TEAM_VIEWERS),
    "insights:departments": ("get", HR),
    "api:report_team": ("get", TEAM_VIEWERS),
    "api:report_trends": ("get", TEAM_VIEWERS),
    "api:report_departments": ("get", HR),
    "insights:outcomes_check": ("post", HR),  # checks what of the list is in the caller's scope
    "api:cycle_candidates": ("get", HR),
    "insights:lessons": ("get", CYCLE_VIEWERS),
    "insights:lesson_add": ("post", HOLDERS),
    "api:lessons": ("get", SIGNED_IN),  # those the caller may read; none for an administrator
    "api:lessons_add": ("post", HOLDERS),
}
ABOUT_TARGET = {"insights:lesson_add", "api:lessons_add"}

PAYLOAD = {
    "api:lessons_add": lambda org: {
        "plan": Plan.objects.get(title="可写经验").pk,
        "title": "跨部门协作流程优化方案",
        "done": "每周同步",
    },  # fmt: skip
}


def arguments(org) -> dict:
    today = timezone.localdate()
    closed = PlanFactory(employee=org.employee, owner=org.user("manager"), title="可写经验", status="closed")
    GoalFactory(plan=closed)
    ClosureFactory(plan=closed, closed_by=org.user("manager"), outcome="none", decided_by=org.user("manager"))
    cycle = ReviewCycle.objects.first() or ReviewCycle.objects.create(
        name="2026年Q4", start_date=today, end_date=today + dt.timedelta(days=90)
    )
    return {"api:cycle_candidates": {"cycle_id": cycle.pk}, "insights:lesson_add": {"pk": closed.pk}}
