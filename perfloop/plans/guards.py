"""What every write of a plan checks first: the plan read again under a row lock, the writer's
right and the plan's status, a published cycle, the dates and the cadence."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from perfloop.access import audit
from perfloop.plans import registry, rules
from perfloop.plans.models import (
    Every,
    Plan,
)
from perfloop.reviews.models import ReviewCycle

Status = Plan.Status


LONGEST_PLAN = dt.timedelta(days=366)


def log_opened(*, plan: Plan, by, what: str, via: str) -> None:
    if rules.is_logged_read(by, plan):
        audit.log_reads(by, [plan.employee_id], [what], via, ref=f"plan:{plan.pk}")


def conflict(message: str) -> ValidationError:
    return ValidationError(message, code="conflict")


def lock(plan: Plan) -> Plan:
    """Read the plan again under a row lock, in the caller's transaction: a write decides on the
    plan's state as it is now, not as the page saw it, and two writes to one plan take turns (on
    SQLite every write transaction takes turns already)."""
    plan.refresh_from_db(from_queryset=Plan.objects.select_for_update(of=("self",)))
    for written in registry.PLAN_WRITTEN:
        written(plan.pk)
    return plan


def check_edit(plan: Plan, by) -> None:
    lock(plan)
    if not rules.owns(by, plan):
        raise PermissionDenied
    if not plan.editable:
        raise conflict(
            _("This cannot be done while the plan is %(status)s.") % {"status": plan.get_status_display()}
        )


def check_published(cycle: ReviewCycle) -> None:
    """A plan is drafted from results the employee may already see."""
    if cycle.status not in ReviewCycle.PUBLISHED:
        raise ValidationError(
            _("This result is not published yet (the cycle is %(status)s): draft the plan once it is.")
            % {"status": cycle.get_status_display()},
            code="conflict",
        )


def check_dates(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(_("The plan ends before it starts."), code="invalid")
    if end - start > LONGEST_PLAN:
        raise ValidationError(_("A plan runs for at most a year; plan a follow-up after it."), code="invalid")


def within(plan: Plan, day: dt.date | None, label) -> dt.date | None:
    if day is not None and not plan.start_date <= day <= plan.end_date:
        raise ValidationError(
            _("%(field)s must fall within the plan (%(start)s – %(end)s).")
            % {"field": label, "start": plan.start_date.isoformat(), "end": plan.end_date.isoformat()},
            code="invalid",
        )
    return day


def cadence(cadence: dict) -> dict:
    fields = {}
    for kind in ("brief", "formal"):
        every = cadence.get(f"{kind}_every")
        minutes = cadence.get(f"{kind}_minutes")
        if every is not None:
            if every not in Every.values:
                raise ValidationError(_("Choose how often from the list."), code="invalid")
            fields[f"{kind}_every"] = every
        if minutes is not None:
            if not isinstance(minutes, int) or not 5 <= minutes <= 480:
                raise ValidationError(_("A check-in lasts 5 to 480 minutes."), code="invalid")
            fields[f"{kind}_minutes"] = minutes
    return fields
