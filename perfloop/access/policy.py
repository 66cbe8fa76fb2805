"""Who may see and do what: the one place that decides.

Roles (PRODUCT.md): every user with an employee record is an *employee*; anyone
with reports is a *manager* of their whole reporting subtree; *HR* is scoped by
HRAssignment to departments and their sub-departments; *admin* (superuser)
manages users and settings. Everything else asks these functions and never
filters people's data by hand.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from perfloop.access.models import HRAssignment
from perfloop.org.models import Department, Employee


@dataclass(frozen=True)
class Roles:
    employee: Employee | None
    is_admin: bool
    is_manager: bool
    hr_paths: tuple[str, ...]

    @property
    def is_hr(self) -> bool:
        return bool(self.hr_paths)

    @property
    def is_employee(self) -> bool:
        return self.employee is not None

    def hr_covers_path(self, department_path: str) -> bool:
        return any(department_path.startswith(p) for p in self.hr_paths)


NO_ROLES = Roles(employee=None, is_admin=False, is_manager=False, hr_paths=())


def roles_for(user) -> Roles:
    """The user's roles, computed once per user object (three small queries)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_ROLES
    cached = getattr(user, "_perfloop_roles", None)
    if cached is not None:
        return cached
    employee = (
        Employee.objects.select_related("department", "position")
        .filter(user=user, status=Employee.Status.ACTIVE)
        .first()
    )
    paths = sorted(HRAssignment.objects.filter(user=user).values_list("department__path", flat=True))
    # Drop paths already covered by a broader assignment.
    hr_paths = tuple(p for p in paths if not any(p != q and p.startswith(q) for q in paths))
    is_manager = bool(
        employee and Employee.objects.filter(manager_path__startswith=employee.reports_prefix).exists()
    )
    roles = Roles(employee=employee, is_admin=user.is_superuser, is_manager=is_manager, hr_paths=hr_paths)
    user._perfloop_roles = roles
    return roles


def _hr_department_q(roles: Roles, prefix: str = "") -> Q | None:
    if not roles.hr_paths:
        return None
    return reduce(or_, (Q(**{f"{prefix}path__startswith": p}) for p in roles.hr_paths))


def _people_q(roles: Roles, prefix: str = "", own: Q | None = None) -> Q | None:
    """Who a user's rights reach, as one condition on an employee (reached through `prefix`):
    `own` for the user's own records, their reporting subtree, and their HR scope.

    Nobody's HR rights reach their own record (a manager's subtree never holds themself):
    for their own record HR is an employee, and `own` says what an employee may see."""
    conditions = [own] if own is not None else []
    if roles.is_manager:
        conditions.append(Q(**{f"{prefix}manager_path__startswith": roles.employee.reports_prefix}))
    hr_q = _hr_department_q(roles, prefix=f"{prefix}department__")
    if hr_q is not None:
        if roles.employee is not None:
            hr_q &= ~Q(**{f"{prefix}pk": roles.employee.pk})
        conditions.append(hr_q)
    return reduce(or_, conditions) if conditions else None


def _filtered(qs, condition: Q | None):
    return qs.none() if condition is None else qs.filter(condition)


def visible_employees(user) -> QuerySet[Employee]:
    """Employees the user may see: self, their reporting subtree, their HR scope; admin sees all."""
    roles = roles_for(user)
    if roles.is_admin:
        return Employee.objects.all()
    own = Q(pk=roles.employee.pk) if roles.employee else None
    return _filtered(Employee.objects.all(), _people_q(roles, own=own))


def managed_employees(user) -> QuerySet[Employee]:
    """The user's direct and indirect reports (their team), nobody else."""
    roles = roles_for(user)
    if not roles.is_manager:
        return Employee.objects.none()
    return Employee.objects.filter(manager_path__startswith=roles.employee.reports_prefix)


def hr_departments(user) -> QuerySet[Department]:
    """Departments in the user's HR scope (with sub-departments); admin has all."""
    roles = roles_for(user)
    if roles.is_admin:
        return Department.objects.all()
    hr_q = _hr_department_q(roles)
    return Department.objects.filter(hr_q) if hr_q is not None else Department.objects.none()


def visible_departments(user) -> QuerySet[Department]:
    """Departments in HR scope, plus those where the user can see someone."""
    roles = roles_for(user)
    if roles.is_admin:
        return Department.objects.all()
    conditions = [Q(pk__in=visible_employees(user).values("department_id"))]
    hr_q = _hr_department_q(roles)
    if hr_q is not None:
        conditions.append(hr_q)
    return Department.objects.filter(reduce(or_, conditions))


def can_view_employee(user, employee: Employee) -> bool:
    roles = roles_for(user)
    return (
        roles.is_admin or is_self(user, employee) or can_manage(user, employee) or is_hr_for(user, employee)
    )


def can_manage(user, employee: Employee) -> bool:
    """True when the employee is in the user's reporting subtree (direct or indirect)."""
    roles = roles_for(user)
    return bool(roles.is_manager and employee.manager_path.startswith(roles.employee.reports_prefix))


def is_self(user, employee: Employee) -> bool:
    roles = roles_for(user)
    return roles.employee is not None and roles.employee.pk == employee.pk


def is_hr_for(user, employee: Employee) -> bool:
    """HR rights over this person: in the user's HR scope, and not the user themself."""
    roles = roles_for(user)
    return roles.is_hr and roles.hr_covers_path(employee.department.path) and not is_self(user, employee)


def is_company_wide_hr(user) -> bool:
    """HR whose scope covers every top-level department: the whole organisation."""
    roles = roles_for(user)
    if not roles.is_hr:
        return False
    roots = Department.objects.filter(parent__isnull=True).values_list("path", flat=True)
    return all(roles.hr_covers_path(path) for path in roots)


def can_change_template(user, department_paths: list[str], has_positions: bool) -> bool:
    """A template is changed by HR whose scope covers every department it applies to; a template
    by position applies wherever that position is, so it takes company-wide HR (operators' commands
    run with no user and may)."""
    if user is None:
        return True
    roles = roles_for(user)
    if has_positions:
        return is_company_wide_hr(user)
    return roles.is_hr and all(roles.hr_covers_path(p) for p in department_paths)


def can_use_org_directory(user) -> bool:
    roles = roles_for(user)
    return roles.is_admin or roles.is_hr or roles.is_manager or roles.is_employee


def can_view_team(user) -> bool:
    return roles_for(user).is_manager


def can_import_org(user) -> bool:
    roles = roles_for(user)
    return roles.is_admin or roles.is_hr


def can_administer(user) -> bool:
    return roles_for(user).is_admin


def can_import(user, kind: str) -> bool:
    """The organisation: HR and admins; a cycle's data and templates: HR."""
    return can_import_org(user) if kind == "org" else can_manage_cycles(user)


def can_use_imports(user) -> bool:
    roles = roles_for(user)
    return roles.is_hr or roles.is_admin


def visible_imports(user):
    """An import file holds people's data: its uploader sees it, and admins see organisation files."""
    from perfloop.imports.models import Import

    roles = roles_for(user)
    if roles.is_admin:
        return Import.objects.filter(Q(uploaded_by=user) | Q(kind="org"))
    if roles.is_hr:
        return Import.objects.filter(uploaded_by=user)
    return Import.objects.none()


# Review results (PRODUCT.md, stage 1). Admins are not given results: they run the system,
# they do not read people's reviews.


def can_manage_cycles(user) -> bool:
    """HR runs cycles, templates, imports, scoring and calibration."""
    return roles_for(user).is_hr


def can_view_cycles(user) -> bool:
    roles = roles_for(user)
    return roles.is_hr or roles.is_manager or roles.is_employee


def can_view_team_results(user) -> bool:
    roles = roles_for(user)
    return roles.is_hr or roles.is_manager


def visible_results(user, cycle=None):
    """Results the user may read: own (once the cycle reaches feedback), their team's, their HR scope's."""
    from perfloop.reviews.models import Result, ReviewCycle

    roles = roles_for(user)
    qs = Result.objects.all() if cycle is None else Result.objects.filter(cycle=cycle)
    own = None
    if roles.employee:
        own = Q(
            employee=roles.employee,
            cycle__status__in=[ReviewCycle.Status.FEEDBACK, ReviewCycle.Status.CLOSED],
        )
    return _filtered(qs, _people_q(roles, "employee__", own=own))


def team_results(user, cycle):
    """The results a team view covers: the manager's subtree, or all of HR's scope."""
    from perfloop.reviews.models import Result

    return _filtered(Result.objects.filter(cycle=cycle), _people_q(roles_for(user), "employee__"))


def can_calibrate(user, result) -> bool:
    return result.cycle.status == "calibrating" and is_hr_for(user, result.employee)


def can_tag_root_causes(user, result) -> bool:
    return can_manage(user, result.employee) or is_hr_for(user, result.employee)


def can_see_calibrations(user, result) -> bool:
    """Calibration reasons are for HR and the manager, not the employee."""
    return can_manage(user, result.employee) or is_hr_for(user, result.employee)


def can_see_individual_reviews(user, result) -> bool:
    """Individual 360 ratings and comments: HR only; others see averages by relation."""
    return is_hr_for(user, result.employee)


def reviews_written_by(user):
    """A 360 reviewer sees only the reviews they wrote."""
    from perfloop.reviews.models import Review360

    roles = roles_for(user)
    if not roles.employee:
        return Review360.objects.none()
    return Review360.objects.filter(reviewer=roles.employee)


def can_enter_actuals(user, employee) -> bool:
    """KPI actual values are HR's data to enter, for people in their scope."""
    return is_hr_for(user, employee)


def can_add_evidence(user, employee) -> bool:
    """Managers record cases about their people; HR about theirs."""
    return can_manage(user, employee) or is_hr_for(user, employee)


# Audit: who changed access, and who opened whose private records.


def can_read_access_changes(user) -> bool:
    """Changes of HR scopes and accounts: HR and admins."""
    roles = roles_for(user)
    return roles.is_hr or roles.is_admin


def can_see_reads_of(user, employee: Employee) -> bool:
    """Who opened a person's records: HR in scope, the person's managers, and the person."""
    return is_self(user, employee) or can_manage(user, employee) or is_hr_for(user, employee)
