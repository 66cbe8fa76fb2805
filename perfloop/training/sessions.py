"""Training sessions: planned by HR from a line of the needs, people enrolled within the seats, and
attendance that marks the person's matching training budget as given on their plan — through the
plans app's own service, once per enrolment, taken back if the attendance is corrected."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from perfloop import inputs
from perfloop.org.models import Department, Employee
from perfloop.plans import editing
from perfloop.plans.models import ItemStatus, Plan
from perfloop.training import needs, rules
from perfloop.training.models import Enrolment, Session

MOST_SEATS = 10_000
LONGEST = dt.timedelta(days=366)


def _check(course, provider, topic, starts, ends, seats, cost) -> dict:
    if not isinstance(starts, dt.date) or not isinstance(ends, dt.date):
        raise ValidationError(_("Enter the session's dates."), code="invalid")
    if ends < starts:
        raise ValidationError(_("The session ends before it starts."), code="invalid")
    if ends - starts > LONGEST:
        raise ValidationError(_("A session lasts at most a year."), code="invalid")
    if not isinstance(seats, int) or not 1 <= seats <= MOST_SEATS:
        raise ValidationError(
            _("Seats: a whole number from 1 to %(most)s.") % {"most": MOST_SEATS}, code="invalid"
        )
    cost = inputs.number(cost, _("Cost")) or Decimal(0)
    if cost < 0:
        raise ValidationError(_("Cost: enter zero or more."), code="invalid")
    return {
        "course": inputs.text(course, _("Course"), limit=200),
        "provider": inputs.text(provider, _("Provider"), required=False, limit=200),
        "topic": inputs.text(topic, _("Indicator or competency"), required=False, limit=100),
        "starts": starts,
        "ends": ends,
        "seats": seats,
        "cost": cost,
    }


def plan_session(*, by, course, provider="", topic="", department: Department | None = None,
                 starts, ends, seats, cost=None) -> Session:  # fmt: skip
    if not rules.can_run_sessions(by):
        raise PermissionDenied
    return Session.objects.create(
        **_check(course, provider, topic, starts, ends, seats, cost), department=department, created_by=by
    )


def _lock(session: Session) -> Session:
    return Session.objects.select_for_update().get(pk=session.pk)


def _recount(session: Session) -> None:
    figures = Enrolment.objects.filter(session=session).aggregate(
        enrolled=Count("pk"), attended=Count("pk", filter=Q(attended=True))
    )
    Session.objects.filter(pk=session.pk).update(**figures)
    session.enrolled, session.attended = figures["enrolled"], figures["attended"]


@transaction.atomic
def enrol(*, session: Session, employees: list[Employee], by) -> list[Enrolment]:
    """Enrol people (each in the caller's HR scope, still with the company) while seats remain;
    someone already enrolled stays as they are. All or nothing."""
    session = _lock(session)  # two HR filling the last seats take turns
    for employee in employees:
        if not rules.can_enrol(by, employee):
            raise PermissionDenied
        if employee.status == Employee.Status.LEFT:
            raise ValidationError(
                _("%(name)s has left the company.") % {"name": employee.name}, code="invalid"
            )
    there = set(Enrolment.objects.filter(session=session).values_list("employee_id", flat=True))
    new = [e for e in {e.pk: e for e in employees}.values() if e.pk not in there]
    if session.enrolled + len(new) > session.seats:
        raise ValidationError(
            _("Only %(left)s of the %(seats)s seats are free.")
            % {"left": max(session.seats - session.enrolled, 0), "seats": session.seats},
            code="conflict",
        )
    try:
        with transaction.atomic():
            made = Enrolment.objects.bulk_create(
                [Enrolment(session=session, employee=e, enrolled_by=by) for e in new]
            )
    except IntegrityError:
        raise ValidationError(
            _("Someone enrolled them just now: reload the page."), code="conflict"
        ) from None
    _recount(session)
    return made


def enrolment_for(user, pk: int) -> Enrolment | None:
    """An enrolment of someone in the user's HR scope (None: not found for them)."""
    enrolment = Enrolment.objects.select_related("employee__department").filter(pk=pk).first()
    return enrolment if enrolment is not None and rules.can_enrol(user, enrolment.employee) else None


def _lock_enrolment(enrolment: Enrolment, by) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_for_update()
        .select_related("employee__department", "session")
        .get(pk=enrolment.pk)
    )
    if not rules.can_enrol(by, enrolment.employee):
        raise PermissionDenied
    return enrolment


def _budget_to_give(enrolment: Enrolment):
    """The person's open training budget on the session's line, on a plan still being followed:
    the one due first."""
    return (
        needs.budgets()
        .filter(
            plan__employee=enrolment.employee,
            plan__status__in=(Plan.Status.DRAFT, Plan.Status.ACTIVE),
            status=ItemStatus.OPEN,
            topic=enrolment.session.topic or None,
        )
        .select_related("plan__employee__department")
        .first()
    )


def _reopen_budget(enrolment: Enrolment, by) -> None:
    """The training budget this enrolment's attendance gave, open again on its plan (if the plan
    is still followed); the enrolment no longer holds it."""
    support = enrolment.support
    if support is None:
        return
    if support.status == ItemStatus.DONE and support.plan.editable:
        editing.mark_support(support=support, by=by, status=ItemStatus.OPEN)
    enrolment.support = None


@transaction.atomic
def record_attendance(*, enrolment: Enrolment, attended: bool, by) -> Enrolment:
    """Attended or not. The first attendance marks one matching training budget as given on the
    person's plan; a correction to "absent" opens it again. Marking twice changes nothing."""
    enrolment = _lock_enrolment(enrolment, by)
    if enrolment.attended is attended:
        return enrolment
    if attended and enrolment.support is None:
        support = _budget_to_give(enrolment)
        if support is not None:
            editing.mark_support(support=support, by=by, status=ItemStatus.DONE)
            enrolment.support = support
    elif not attended:
        _reopen_budget(enrolment, by)
    enrolment.attended = attended
    enrolment.save(update_fields=["attended", "support"])
    _recount(enrolment.session)
    return enrolment


@transaction.atomic
def remove(*, enrolment: Enrolment, by) -> None:
    """Taken off the session; a budget their attendance gave is opened again."""
    enrolment = _lock_enrolment(enrolment, by)
    _reopen_budget(enrolment, by)
    enrolment.delete()
    _recount(enrolment.session)
