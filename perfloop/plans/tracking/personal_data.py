"""A person's follow-up for their data export: check-ins, readings and how their plans closed."""

from perfloop.access.personal_data import Section
from perfloop.plans.personal_data import plans_of
from perfloop.plans.tracking.models import CheckIn, Closure, Reading


def check_ins(employee, for_self: bool) -> list[dict]:
    found = CheckIn.objects.filter(plan__in=plans_of(employee, for_self)).order_by("held_on", "pk")
    return [
        {"plan": c.plan_id, "held_on": c.held_on, "kind": c.get_kind_display(), "on_track": c.on_track,
         "notes": c.notes, "deviations": c.deviations, "corrections": c.corrections,
         "support_asked": c.support_asked, "support_given": c.support_given, "recognition": c.recognition}
        for c in found
    ]  # fmt: skip


def readings(employee, for_self: bool) -> list[dict]:
    found = Reading.objects.filter(goal__plan__in=plans_of(employee, for_self)).order_by("taken_on", "pk")
    return [
        {"plan": r.goal.plan_id, "goal": r.goal.description, "taken_on": r.taken_on, "value": r.value,
         "note": r.note, "confirmed": r.confirmed_by_id is not None}
        for r in found.select_related("goal")
    ]  # fmt: skip


def closures(employee, for_self: bool) -> list[dict]:
    found = Closure.objects.filter(plan__in=plans_of(employee, for_self)).order_by("closed_at")
    return [
        {"plan": c.plan_id, "result": c.get_result_display(), "reason": c.reason,
         "outcome": c.get_outcome_display() if c.outcome else "", "outcome_reason": c.outcome_reason,
         "closed_at": c.closed_at}
        for c in found
    ]  # fmt: skip


# What a person's data export holds of this app.
SECTIONS = (
    Section("check_ins", check_ins, 50),
    Section("readings", readings, 51),
    Section("closures", closures, 52),
)
