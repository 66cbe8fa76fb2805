"""Whose team reports a user reads, the results a report counts, and the small-group rule.

HR reads the departments of their scope whole; a manager reads departments under their own, but
only the people of their reporting line in them (the access core's `people_q`). Nobody's own
result is counted for them. A figure about a department is taken as it was when the cycle was
scored (`Result.department`): people who move later leave the past where it was.

For managers, a report over fewer than the organisation's smallest group (default 5) is not broken
down, nor one whose complement is that small — a department's report beside its parent's, or a
level beside its subtree, would otherwise give the rest by subtraction. HR in scope sees all.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from perfloop.access.policy import departments_q, people_q, roles_for
from perfloop.insights.models import ReportSettings
from perfloop.org.models import Department
from perfloop.reviews.models import Result, ReviewCycle
from perfloop.reviews.rules import cycles_for

SMALL, SUBTRACTION = "small", "subtraction"


@dataclass(frozen=True)
class Scope:
    department: Department
    level: bool  # this level only, not its sub-departments
    full: bool  # HR over the department: every figure, no small-group rule
    everyone: bool = False  # the organisation's only top department, whole: no condition needed


def can_read(user) -> bool:
    roles = roles_for(user)
    return roles.is_hr or roles.is_manager


def report_cycles(user):
    """Cycles a team report can be of: those the user meets past their draft, newest first."""
    return cycles_for(user).exclude(status=ReviewCycle.Status.DRAFT).order_by("-start_date", "-pk")


def departments_for(user) -> QuerySet[Department]:
    """Departments whose reports the user reads: HR's scope, and a manager's own department with
    everything under it."""
    return Department.objects.filter(departments_q(user))


def scope_for(user, department_id, level: bool = False) -> Scope | None:
    """The report the user asked for, or None when the department is not theirs to read; without a
    department, the first of theirs (the top of their scope, or their own)."""
    departments = departments_for(user).order_by("depth", "path")
    roles = roles_for(user)
    if department_id:
        department = departments.filter(pk=department_id).first()
    elif roles.employee is not None and roles.is_manager and not roles.is_hr:
        department = departments.filter(pk=roles.employee.department_id).first()
    else:
        department = departments.first()
    if department is None:
        return None
    everyone = (
        not level
        and department.parent_id is None
        and not Department.objects.filter(parent__isnull=True).exclude(pk=department.pk).exists()
    )
    return Scope(department, level, roles.hr_covers_path(department.path), everyone)


def department_q(scope: Scope, prefix: str = "") -> Q | None:
    """The condition on where a result was scored (through `prefix`), None for everyone."""
    if scope.level:
        return Q(**{f"{prefix}department": scope.department})
    if scope.everyone:
        return None
    return Q(**{f"{prefix}department__path__under": scope.department.path})


def results_in(user, scope: Scope, cycle_ids: list[int]) -> QuerySet[Result]:
    """The results a report counts over one cycle or several."""
    results = Result.objects.filter(cycle_id__in=cycle_ids)
    where = department_q(scope)
    if where is not None:
        results = results.filter(where)
    if scope.full:
        own = roles_for(user).employee
        return results.exclude(employee=own) if own is not None else results
    return results.filter(people_q(user, via="employee__"))


def minimum() -> int:
    return ReportSettings.current().min_group


def hidden(user, scope: Scope, cycle_sizes: dict[int, int], least: int) -> dict[int, str]:
    """Cycle id → why the report of that cycle is not broken down ("" when it is): fewer people
    than `least`, or a complement that small (two count queries at most, over all the cycles)."""
    if scope.full:
        return dict.fromkeys(cycle_sizes, "")
    why = {c: SMALL if n < least else "" for c, n in cycle_sizes.items()}
    wider = _wider(user, scope)
    if wider is not None:
        counts = dict(
            results_in(user, wider, list(cycle_sizes))
            .values_list("cycle_id")
            .annotate(n=Count("id"))
            .order_by()
        )
        for cycle_id, n in cycle_sizes.items():
            if not why[cycle_id] and 0 < counts.get(cycle_id, 0) - n < least:
                why[cycle_id] = SUBTRACTION
    return why


def _wider(user, scope: Scope) -> Scope | None:
    """The report this one could be subtracted from: a level's subtree, a subtree's parent the
    user also reads."""
    if scope.level:
        return Scope(scope.department, False, scope.full)
    parent_id = scope.department.parent_id
    if parent_id is None:
        return None
    parent = departments_for(user).filter(pk=parent_id).first()
    return Scope(parent, False, scope.full) if parent is not None else None


def reach_key(user, scope: Scope) -> tuple:
    """What the results a report counts depend on besides the department and the cycle: for HR
    the department whole (less the reader's own result), for a manager their reporting line."""
    roles = roles_for(user)
    own = roles.employee.pk if roles.employee is not None else 0
    line = "" if scope.full else (roles.employee.reports_prefix if roles.is_manager else "")
    return (scope.department.pk, scope.level, scope.full, scope.everyone, own, line)
