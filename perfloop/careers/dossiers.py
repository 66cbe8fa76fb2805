"""Writes on a dossier: HR in scope opens it with the proposal, the person's manager recommends,
HR decides — an approval becomes the person's new position or department through the
organisation's own service, with its history — and HR says when the decision was communicated,
from which moment the person sees it. Each write reads the dossier again under a row lock."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop import inputs
from perfloop.careers import events, rules
from perfloop.careers.models import WAITING, Dossier
from perfloop.org.models import Employee
from perfloop.org.services import change_role, check_role_change


def _check_proposal(kind: str, position, department, employee: Employee) -> None:
    if kind not in Dossier.Kind.values:
        raise ValidationError(_("Choose promotion or transfer."), code="invalid")
    if position is None and department is None:
        raise ValidationError(_("Name the new position or the new department."), code="invalid")
    if (
        position is not None
        and position.pk == employee.position_id
        and (department is None or department.pk == employee.department_id)
    ):
        raise ValidationError(_("That is the position they hold now."), code="invalid")


@transaction.atomic
def open_dossier(*, by, employee: Employee, kind: str, position=None, department=None, cycle=None) -> Dossier:
    if not rules.can_open(by, employee):
        raise PermissionDenied
    if employee.status == Employee.Status.LEFT:
        raise ValidationError(_("%(name)s has left the company.") % {"name": employee.name}, code="invalid")
    _check_proposal(kind, position, department, employee)
    try:
        with transaction.atomic():
            dossier = Dossier.objects.create(
                employee=employee,
                kind=kind,
                position=position,
                department=department,
                cycle=cycle,
                opened_by=by,
            )
    except IntegrityError:
        raise ValidationError(
            _("%(name)s already has a dossier waiting for a decision or for its effective date.")
            % {"name": employee.name},
            code="conflict",
        ) from None
    events.opened(dossier.pk)
    return dossier


def _lock(dossier: Dossier) -> Dossier:
    return (
        Dossier.objects.select_for_update(of=("self",))
        .select_related(
            "employee__department", "employee__position", "employee__manager", "position", "department"
        )
        .get(pk=dossier.pk)
    )


def _decided_already(dossier: Dossier) -> ValidationError:
    return ValidationError(
        _("This dossier was decided on %(day)s.")
        % {"day": timezone.localdate(dossier.decided_at).isoformat()},
        code="conflict",
    )


@transaction.atomic
def recommend(*, dossier: Dossier, by, recommendation: str, text: str) -> Dossier:
    dossier = _lock(dossier)
    if not rules.recommends(by, dossier):
        raise PermissionDenied
    if dossier.decided:
        raise _decided_already(dossier)
    if recommendation not in Dossier.Recommendation.values:
        raise ValidationError(_("Choose a recommendation from the list."), code="invalid")
    dossier.recommendation = recommendation
    dossier.recommendation_text = inputs.text(text, _("Recommendation"))
    dossier.recommended_by, dossier.recommended_at = by, timezone.now()
    dossier.save(update_fields=["recommendation", "recommendation_text", "recommended_by", "recommended_at"])
    return dossier


@transaction.atomic
def decide(*, dossier: Dossier, by, decision: str, reason: str, effective_date: dt.date | None = None,
           position=None, department=None) -> Dossier:  # fmt: skip
    """Approved (with the effective date: the new position or department written through the
    organisation's service at once, or checked now and written on that date by `apply_due`), not
    now, or rejected — with the reason, which stays HR's. An approval waiting for its date may be
    decided again; the person is then told anew (communicated again)."""
    dossier = _lock(dossier)
    if not rules.decides(by, dossier):
        raise PermissionDenied
    if dossier.decided and not dossier.waiting:
        raise _decided_already(dossier)
    dossier.communicated_at = None
    if decision not in Dossier.Decision.values:
        raise ValidationError(_("Choose a decision from the list."), code="invalid")
    dossier.reason = inputs.text(reason, _("Reason"))
    if decision == Dossier.Decision.APPROVED:
        if effective_date is None:
            raise ValidationError(_("An approval needs its effective date."), code="invalid")
        dossier.position = position or dossier.position
        dossier.department = department or dossier.department
        _check_proposal(dossier.kind, dossier.position, dossier.department, dossier.employee)
        if dossier.department is not None and not rules.can_open(
            by, _in(dossier.employee, dossier.department)
        ):
            raise ValidationError(_("The new department is outside your HR scope."), code="invalid")
        change = {"employee": dossier.employee, "by": by, "position": dossier.position,
                  "department": dossier.department}  # fmt: skip
        if effective_date <= timezone.localdate():
            change_role(**change)
            dossier.applied_at = timezone.now()
        else:
            check_role_change(**change)
    dossier.decision, dossier.effective_date = decision, effective_date
    dossier.decided_by, dossier.decided_at = by, timezone.now()
    dossier.save()
    return dossier


def apply_due(today: dt.date) -> int:
    """Approvals whose effective date has come become the person's new position or department,
    through the organisation's service in the decider's name, each once (under the dossier's row
    lock) and each on its own: one refused (the decider's scope has changed, say) stays waiting and
    HR hears why. Someone who has left is not moved. Returns how many took effect."""
    due = Dossier.objects.filter(
        WAITING, effective_date__lte=today, employee__status=Employee.Status.ACTIVE
    ).order_by("effective_date", "pk")
    applied = 0
    for pk in due.values_list("pk", flat=True)[:1000]:
        try:
            with transaction.atomic():
                dossier = _lock(Dossier(pk=pk))
                if not dossier.waiting:
                    continue  # another run took it
                change_role(employee=dossier.employee, by=dossier.decided_by, position=dossier.position,
                            department=dossier.department)  # fmt: skip
                dossier.applied_at = timezone.now()
                dossier.save(update_fields=["applied_at"])
                applied += 1
        except ValidationError as refused:
            events.not_applied(pk, " ".join(refused.messages))
    return applied


def _in(employee: Employee, department) -> Employee:
    """The person as they would be in another department (to ask whether HR's scope covers it)."""
    moved = Employee(pk=employee.pk, department=department, manager_path=employee.manager_path)
    return moved


@transaction.atomic
def communicate(*, dossier: Dossier, by) -> Dossier:
    """The decision was told to the person: from now on they see it (and are notified)."""
    dossier = _lock(dossier)
    if not rules.decides(by, dossier):
        raise PermissionDenied
    if not dossier.decided:
        raise ValidationError(_("Decide before communicating."), code="conflict")
    if dossier.communicated_at is not None:
        raise ValidationError(_("The decision was already communicated."), code="conflict")
    dossier.communicated_at = timezone.now()
    dossier.save(update_fields=["communicated_at"])
    events.communicated(dossier.pk)
    return dossier
