"""Every write of the follow-up stage: one function each, checking its own permission and rules.

Check-ins are recorded by those who own the plan, with a reading for the goals measured; the
employee adds their own readings between check-ins, which count once the manager confirms them.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from perfloop import inputs
from perfloop.plans import guards
from perfloop.plans import rules as plan_rules
from perfloop.plans.models import Goal, Plan
from perfloop.plans.tracking.models import CheckIn, Reading

CHECKIN_TEXTS = ("notes", "deviations", "corrections", "support_asked", "support_given", "recognition")


def _active(plan: Plan) -> None:
    guards.lock(plan)  # a check-in or reading never lands on a plan being closed
    if plan.status != Plan.Status.ACTIVE:
        raise ValidationError(_("Only an active plan is followed up."), code="conflict")


def _on_plan_days(plan: Plan, day: dt.date, today: dt.date) -> dt.date:
    if day is None or not plan.start_date <= day <= min(plan.end_date, today):
        raise ValidationError(_("The date must fall within the plan and not after today."), code="invalid")
    return day


@transaction.atomic
def record_checkin(
    *, plan: Plan, by, held_on: dt.date, kind: str, today: dt.date, readings=(), on_track=None, **texts
) -> CheckIn:
    """A check-in with a reading (goal id, value, note) for each goal measured at it."""
    if not plan_rules.owns(by, plan):
        raise PermissionDenied
    _active(plan)
    if kind not in CheckIn.Kind.values:
        raise ValidationError(_("Choose the kind of check-in from the list."), code="invalid")
    unknown = set(texts) - set(CHECKIN_TEXTS)
    if unknown:
        raise ValidationError(
            _("Unknown field: %(name)s") % {"name": ", ".join(sorted(unknown))}, code="invalid"
        )
    checkin = CheckIn.objects.create(
        plan=plan,
        held_on=_on_plan_days(plan, held_on, today),
        kind=kind,
        on_track=on_track,
        by=by,
        **{
            name: inputs.text(value, name, required=False, limit=inputs.TEXT_LIMIT)
            for name, value in texts.items()
        },
    )
    goals = {g.pk: g for g in plan.goals.all()}
    rows = []
    for goal_id, value, note in readings:
        if goal_id not in goals:
            raise ValidationError(_("This goal is not on the plan."), code="invalid")
        rows.append(
            Reading(
                goal=goals[goal_id],
                checkin=checkin,
                taken_on=held_on,
                value=inputs.number(value, _("Reading")),
                note=inputs.text(note, _("Note"), required=False, limit=200),
                by=by,
                confirmed_by=by,
            )
        )
    if any(r.value is None for r in rows):
        raise ValidationError(_("Reading: enter a number."), code="invalid")
    Reading.objects.bulk_create(rows)
    return checkin


@transaction.atomic
def add_reading(*, goal: Goal, by, taken_on: dt.date, value, today: dt.date, note: str = "") -> Reading:
    """The employee's own reading (to be confirmed), or one by those who own the plan (confirmed)."""
    plan = goal.plan
    own = plan_rules.is_subject(by, plan)
    if not own and not plan_rules.owns(by, plan):
        raise PermissionDenied
    _active(plan)
    number = inputs.number(value, _("Reading"))
    if number is None:
        raise ValidationError(_("Reading: enter a number."), code="invalid")
    return Reading.objects.create(
        goal=goal,
        taken_on=_on_plan_days(plan, taken_on, today),
        value=number,
        note=inputs.text(note, _("Note"), required=False, limit=200),
        by=by,
        confirmed_by=None if own else by,
    )


@transaction.atomic
def confirm_reading(*, reading: Reading, by) -> Reading:
    plan = guards.lock(reading.goal.plan)  # a confirmed reading changes the plan's status
    if not plan_rules.owns(by, plan):
        raise PermissionDenied
    reading.confirmed_by = by
    reading.save(update_fields=["confirmed_by"])
    return reading
