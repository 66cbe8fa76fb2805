"""A person's improvement plans for their data export (for the person themself: those sent to them)."""

from perfloop.access.personal_data import Section
from perfloop.plans.models import Goal, Plan


def plans_of(employee, for_self: bool):
    """The person's plans as this export shows them (the tracking wing's sections follow them)."""
    found = Plan.objects.filter(employee=employee)
    return found.filter(Plan.objects.own_q()) if for_self else found


def plans(employee, for_self: bool) -> list[dict]:
    return [
        {"id": p.pk, "title": p.title, "status": p.get_status_display(), "start_date": p.start_date,
         "end_date": p.end_date, "acknowledged_at": p.acknowledged_at,
         "actions": "; ".join(a.text for a in p.actions.all()),
         "support": "; ".join(s.text for s in p.support.all())}
        for p in plans_of(employee, for_self).prefetch_related("actions", "support").order_by("start_date", "pk")
    ]  # fmt: skip


def goals(employee, for_self: bool) -> list[dict]:
    found = Goal.objects.filter(plan__in=plans_of(employee, for_self)).order_by("plan_id", "pk")
    return [
        {"plan": g.plan_id, "description": g.description, "metric": g.metric, "unit": g.unit,
         "baseline": g.baseline, "target": g.target, "deadline": g.deadline, "means": g.means}
        for g in found
    ]  # fmt: skip


# What a person's data export holds of this app.
SECTIONS = (
    Section("plans", plans, 40),
    Section("goals", goals, 41),
)
