"""The status of plans from the database: the facts of `status.compute` loaded in a fixed number of
queries, for one plan or for many at once (a dashboard, reminders)."""

import datetime as dt
from collections import defaultdict

from django.db.models import Max

from perfloop.plans.cadence import STEP
from perfloop.plans.models import Goal, ItemStatus, Milestone, Plan, Support
from perfloop.plans.tracking import status
from perfloop.plans.tracking.models import CheckIn, Reading


def facts_of(plans: list[Plan]) -> dict[int, status.Facts]:
    """Plan id → the facts its status is computed from, for the active ones: five queries in all."""
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
    goals_of = defaultdict(list)
    for goal_id, plan_id, direction, unit in goals:
        goals_of[plan_id].append((goal_id, direction, unit))
    return {
        pk: _facts(plan, goals_of[pk], readings, milestones[pk], promises[pk], held)
        for pk, plan in active.items()
    }


def _facts(plan: Plan, goals, readings: dict, milestones, promises, held: dict) -> status.Facts:
    """One plan's facts: its goals as (id, direction, unit), readings by goal id in the order taken,
    its milestones and promises, the last day each kind of check-in was held ((plan id, kind) → day)."""
    facts = status.Facts(
        start=plan.start_date,
        directions={},
        milestones=milestones,
        support=promises,
        cadences=[
            status.Cadence(kind, STEP[getattr(plan, f"{kind}_every")], _last_held(held, plan.pk, kind))
            for kind in ("brief", "formal")
        ],
    )
    for goal_id, direction, unit in goals:
        facts.directions[goal_id] = direction
        facts.units[goal_id] = unit
        facts.readings[goal_id] = readings.get(goal_id, [])
    return facts


def statuses(plans: list[Plan], today: dt.date) -> dict[int, status.Status]:
    """Plan id → its computed status; plans that are not active have none."""
    return {pk: status.compute(f, today) for pk, f in facts_of(plans).items()}


def upcoming(plans: list[Plan], today: dt.date) -> list[tuple]:
    """Everything the active plans have coming or passed, as (plan, kind, what, due, missed)."""
    return survey(plans, today)[0]


def survey(plans: list[Plan], today: dt.date) -> tuple[list[tuple], dict[int, tuple]]:
    """What the active plans have coming or passed, as (plan, kind, what, due, missed): the
    next check-in of each cadence within the plan, every milestone (missed as of today or not), the
    company's open commitments with a date (what of it is on the agenda depends on the day:
    `shown`); and plan id → (its status today, the last day that status stays right)."""
    by_pk = {p.pk: p for p in plans}
    items, states = [], {}
    for pk, facts in facts_of(plans).items():
        plan = by_pk[pk]
        state = status.compute(facts, today)
        states[pk] = (state, status.changes_after(facts, today))
        missed = {r.params["title"] for r in state.reasons if r.code.startswith("milestone_")}
        for cadence in facts.cadences:
            due = (cadence.last_held or facts.start) + cadence.step
            if due <= plan.end_date:
                items.append((plan, "check_in", cadence.kind, due, False))
        for milestone in facts.milestones:
            items.append((plan, "milestone", milestone.title, milestone.due, milestone.title in missed))
        for promise in facts.support:
            if promise.open and promise.due is not None:
                items.append((plan, "support", promise.text, promise.due, False))
    return items, states


def week_end(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=6 - today.weekday())


def shown(kind: str, due: dt.date, missed: bool, today: dt.date, ahead: int) -> bool:
    """On the agenda: check-ins and commitments overdue or due this week; milestones missed or
    coming in the next `ahead` days."""
    if kind == "milestone":
        return missed or today <= due <= today + dt.timedelta(days=ahead)
    return due <= week_end(today)


def agenda(plans: list[Plan], today: dt.date, *, ahead: int = 14) -> list[dict]:
    """What is overdue and what falls due soon across these plans, computed from their data (the
    pages read the stored `agenda` instead; this is what it must equal)."""
    items = [
        _item(plan, kind, what, due, today)
        for plan, kind, what, due, missed in upcoming(plans, today)
        if shown(kind, due, missed, today, ahead)
    ]
    return sorted(items, key=lambda i: (i["due"], i["plan"].pk))


def _item(plan: Plan, kind: str, what: str, due: dt.date, today: dt.date) -> dict:
    return {
        "plan": plan,
        "kind": kind,
        "what": what,
        "due": due,
        "overdue": due < today,
        "days": (today - due).days,
    }


def _last_held(held: dict, plan_id: int, kind: str):
    """A formal review counts as a brief check-in too (it covers the same ground and more)."""
    if kind == "formal":
        return held.get((plan_id, "formal"))
    days = [d for d in (held.get((plan_id, "brief")), held.get((plan_id, "formal"))) if d]
    return max(days) if days else None


def loaded_status(plan: Plan, readings: dict, held: dict, today: dt.date) -> status.Status | None:
    """The status of a plan whose goals, milestones and support are loaded (its page), from its
    confirmed readings by goal id and the last day each kind of check-in was held: no query."""
    if plan.status != Plan.Status.ACTIVE:
        return None
    facts = _facts(
        plan,
        [(g.pk, g.direction, g.unit) for g in plan.goals.all()],
        readings,
        [status.Milestone(m.title, m.due, m.goal_id, m.expected) for m in plan.milestones.all()],
        [status.Promise(s.text, s.due, s.status == ItemStatus.OPEN) for s in plan.support.all()],
        held,
    )
    return status.compute(facts, today)


def status_of(plan: Plan, today: dt.date) -> status.Status | None:
    return statuses([plan], today).get(plan.pk)
