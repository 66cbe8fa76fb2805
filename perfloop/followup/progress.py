"""The status of plans from the database: the facts of `status.compute` loaded in a fixed number of
queries, for one plan or for many at once (a dashboard, reminders)."""

import datetime as dt
from collections import defaultdict

from django.db.models import Max

from perfloop.followup import status
from perfloop.followup.models import CheckIn, Reading
from perfloop.plans.cadence import STEP
from perfloop.plans.models import Goal, ItemStatus, Milestone, Plan, Support


def statuses(plans: list[Plan], today: dt.date) -> dict[int, status.Status]:
    """Plan id → its computed status; plans that are not active have none. Five queries in all."""
    active = {p.pk: p for p in plans if p.status == Plan.Status.ACTIVE}
    if not active:
        return {}
    ids = list(active)
    goals = list(Goal.objects.filter(plan_id__in=ids).values_list("pk", "plan_id", "direction", "unit"))
    readings = defaultdict(list)
    for goal_id, taken_on, value in Reading.objects.filter(
        goal__plan_id__in=ids, confirmed_by__isnull=False
    ).values_list("goal_id", "taken_on", "value"):
        readings[goal_id].append((taken_on, value))
    milestones = defaultdict(list)
    for plan_id, title, due, goal_id, expected in Milestone.objects.filter(plan_id__in=ids).values_list(
        "plan_id", "title", "due", "goal_id", "expected"
    ):
        milestones[plan_id].append(status.Milestone(title, due, goal_id, expected))
    promises = defaultdict(list)
    for plan_id, text, due, state in Support.objects.filter(plan_id__in=ids).values_list(
        "plan_id", "text", "due", "status"
    ):
        promises[plan_id].append(status.Promise(text, due, state == ItemStatus.OPEN))
    held = {
        (row["plan_id"], row["kind"]): row["last"]
        for row in CheckIn.objects.filter(plan_id__in=ids)
        .values("plan_id", "kind")
        .annotate(last=Max("held_on"))
    }
    facts = {
        pk: status.Facts(
            start=plan.start_date,
            directions={},
            milestones=milestones[pk],
            support=promises[pk],
            cadences=[
                status.Cadence(kind, STEP[getattr(plan, f"{kind}_every")], _last_held(held, pk, kind))
                for kind in ("brief", "formal")
            ],
        )
        for pk, plan in active.items()
    }
    for goal_id, plan_id, direction, unit in goals:
        facts[plan_id].directions[goal_id] = direction
        facts[plan_id].units[goal_id] = unit
        facts[plan_id].readings[goal_id] = readings.get(goal_id, [])
    return {pk: status.compute(f, today) for pk, f in facts.items()}


def _last_held(held: dict, plan_id: int, kind: str):
    """A formal review counts as a brief check-in too (it covers the same ground and more)."""
    if kind == "formal":
        return held.get((plan_id, "formal"))
    days = [d for d in (held.get((plan_id, "brief")), held.get((plan_id, "formal"))) if d]
    return max(days) if days else None


def status_of(plan: Plan, today: dt.date) -> status.Status | None:
    return statuses([plan], today).get(plan.pk)
