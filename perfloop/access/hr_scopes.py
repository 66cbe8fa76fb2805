"""HR scopes named on a page by an administrator (no Django admin): who is HR, for which
departments, and whose own records nobody can handle.

An HR person's own result, conversation and plan are handled by another HR person whose scope
covers them: nobody's rights reach their own records. In a company with one HR person that is
nobody, so the page names them and offers the way out the product chose: a second scope for their
department, typically for their manager (who already sees that department's people as their
manager), never a rule that lets HR reach their own records.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from perfloop.access.models import HRAssignment
from perfloop.access.policy import roles_for
from perfloop.accounts import invitations
from perfloop.org.models import Department, Employee


def can_name_hr(user) -> bool:
    return roles_for(user).is_admin


@dataclass(frozen=True)
class Named:
    assignment: HRAssignment
    invited: list  # invitations.Sent: the account made for someone who had none


@transaction.atomic
def name_hr(*, employee: Employee, department: Department, by) -> Named:
    """Make `employee` HR for `department` and everything under it. Someone without an account
    gets one, with an invitation (their link shown to the administrator when mail is off)."""
    if not can_name_hr(by):
        raise PermissionDenied
    employee = Employee.objects.select_for_update().get(pk=employee.pk)
    if employee.status != Employee.Status.ACTIVE:
        raise ValidationError(_("An HR scope goes only to an active employee."))
    if employee.user_id is not None and employee.user_id == by.pk:
        raise ValidationError(_("You cannot give yourself an HR scope; ask another administrator."))
    invited = []
    if employee.user_id is None:
        invited = invitations.invite(employees=Employee.objects.filter(pk=employee.pk), by=by)
        employee.refresh_from_db(fields=["user"])
    assignment, _created = HRAssignment.objects.get_or_create(user_id=employee.user_id, department=department)
    return Named(assignment, invited)


@transaction.atomic
def remove(*, assignment_id: int, by) -> bool:
    if not can_name_hr(by):
        raise PermissionDenied
    deleted, _kinds = HRAssignment.objects.filter(pk=assignment_id).delete()
    return bool(deleted)


@dataclass(frozen=True)
class Uncovered:
    """An HR person whose own department no other HR person's scope covers."""

    employee: Employee
    manager: Employee | None  # the suggested second HR person, if they can be one


def scopes():
    """Every scope, by person: (employee or None, user, [assignments])."""
    rows = HRAssignment.objects.select_related("user", "department").order_by("user_id", "department__path")
    by_user = defaultdict(list)
    for assignment in rows:
        by_user[assignment.user].append(assignment)
    people = {
        e.user_id: e
        for e in Employee.objects.select_related("department").filter(user_id__in=[u.pk for u in by_user])
    }
    return [(people.get(user.pk), user, assignments) for user, assignments in by_user.items()]


def uncovered() -> list[Uncovered]:
    """HR people whose own records nobody can handle (no other HR person covers their department)."""
    paths = defaultdict(set)
    for user_id, path in HRAssignment.objects.values_list("user_id", "department__path"):
        paths[user_id].add(path)
    people = Employee.objects.select_related("department", "manager").filter(
        user_id__in=list(paths), status=Employee.Status.ACTIVE
    )
    found = []
    for person in people:
        others = (p for user_id, own in paths.items() if user_id != person.user_id for p in own)
        if not any(person.department.path.startswith(p) for p in others):
            manager = (
                person.manager if person.manager and person.manager.status == Employee.Status.ACTIVE else None
            )
            found.append(Uncovered(person, manager))
    return sorted(found, key=lambda u: u.employee.employee_no)


# Rights a directory's group mapping gives (perfloop/directory/signin.py): HR for the whole
# organisation, or administrator. Each grant says whether the person lacked it, so that the
# directory takes back only what it gave.
@transaction.atomic
def grant_from_directory(*, user, role: str) -> bool:
    if role == "admin":
        if user.is_superuser:
            return False
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
        return True
    roots = list(Department.objects.filter(parent__isnull=True))
    if HRAssignment.objects.filter(user=user, department__in=roots).exists():
        return False
    HRAssignment.objects.bulk_create(
        [HRAssignment(user=user, department=d) for d in roots], ignore_conflicts=True
    )
    return True


@transaction.atomic
def revoke_from_directory(*, user, role: str) -> None:
    if role == "admin":
        user.is_superuser = user.is_staff = False
        user.save(update_fields=["is_superuser", "is_staff"])
        return
    HRAssignment.objects.filter(user=user, department__parent__isnull=True).delete()
