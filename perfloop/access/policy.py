"""Who a user's rights reach: the access core every app builds its own rules on.

Roles (PRODUCT.md): every user with an employee record is an *employee*; anyone with
reports is a *manager* of their whole reporting subtree; *HR* is scoped by HRAssignment to
departments and their sub-departments; *admin* (superuser) manages users and settings.

The one rule for people's data is `people_q(user, via=...)`: the condition "employees this
user's manager or HR rights reach", through any relation path, never reaching the user's own
record (for their own records HR is an employee). Apps turn it into scoped querysets
(`Result.objects.visible_to(user)`) and keep their object rules (who may calibrate, import…)
in their own `rules.py`. This module imports no other app's models.
"""

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q, QuerySet

from perfloop.access import stamp
from perfloop.access.models import HRAssignment
from perfloop.org.models import Department, Employee

NOBODY = Q(pk__in=[])  # a condition no row meets; Django runs no query for it


@dataclass(frozen=True)
class Roles:
    employee: Employee | None
    is_admin: bool
    is_manager: bool
    hr_paths: tuple[str, ...]
    company_wide: bool = False  # HR whose scope covers every top-level department

    @property
    def is_hr(self) -> bool:
        return bool(self.hr_paths)

    @property
    def is_employee(self) -> bool:
        return self.employee is not None

    def hr_covers_path(self, department_path: str) -> bool:
        return any(department_path.startswith(p) for p in self.hr_paths)


NO_ROLES = Roles(employee=None, is_admin=False, is_manager=False, hr_paths=())


# user id → (rights stamp, their roles): roles computed under the stamp read at the time. A request
# reads the stamp once (one indexed row) and reuses the roles while it has not changed.
_ROLES: dict[int, tuple[int, Roles]] = {}
_MOST_CACHED = 50_000


def roles_for(user) -> Roles:
    """The user's roles, computed once per user object; across requests, kept per process while
    the rights stamp has not changed (three small queries when it has)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_ROLES
    cached = getattr(user, "_perfloop_roles", None)
    if cached is not None:
        return cached
    now = stamp.current()
    kept = _ROLES.get(user.pk) if now is not None else None
    user._perfloop_stamp = now
    if kept is not None and kept[0] == now and kept[1].is_admin == user.is_superuser:
        user._perfloop_roles = kept[1]
        return kept[1]
    roles = _compute(user)
    if now is not None:
        if len(_ROLES) >= _MOST_CACHED:
            _ROLES.clear()
        _ROLES[user.pk] = (now, roles)
    user._perfloop_roles = roles
    return roles


def rights_key(user) -> tuple | None:
    """What a per-process cache of something derived from the user's rights is keyed by (their
    id and the rights stamp their roles were read under); None: do not cache."""
    roles_for(user)
    now = getattr(user, "_perfloop_stamp", None)
    return None if now is None else (user.pk, now)


def _compute(user) -> Roles:
    # Anyone below a person has someone reporting to them directly: one indexed test on manager_id.
    # No ORDER BY (a user has one record at most): with it, SQLite walks the table in id order
    # instead of using the index on user_id, a full scan for the last people hired.
    employee = next(
        iter(
            Employee.objects.select_related("department", "position")
            .filter(user=user, status=Employee.Status.ACTIVE)
            .annotate(has_reports=Exists(Employee.objects.filter(manager_id=OuterRef("pk"))))[:1]
        ),
        None,
    )
    paths = sorted(HRAssignment.objects.filter(user=user).values_list("department__path", flat=True))
    # Drop paths already covered by a broader assignment.
    hr_paths = tuple(p for p in paths if not any(p != q and p.startswith(q) for q in paths))
    company_wide = bool(hr_paths) and all(
        any(root.startswith(p) for p in hr_paths)
        for root in Department.objects.filter(parent__isnull=True).values_list("path", flat=True)
    )
    return Roles(
        employee=employee, is_admin=user.is_superuser, is_manager=bool(employee and employee.has_reports),
        hr_paths=hr_paths, company_wide=company_wide,
    )  # fmt: skip


def hr_department_q(roles: Roles, prefix: str = "") -> Q | None:
    if not roles.hr_paths:
        return None
    return reduce(or_, (Q(**{f"{prefix}path__under": p}) for p in roles.hr_paths))


def people_q(user, via: str = "", own: Q | None = None, hr_only: bool = False) -> Q:
    """The condition "employees this user's rights reach", on an employee reached through `via`
    (e.g. "employee__" for a model with an `employee` foreign key).

    A manager reaches their reporting subtree, HR their departments; neither reaches the user's
    own record. `own` adds the user's own records where it holds (e.g. results once the cycle
    reaches feedback): what an employee may see of themself is the app's rule to give.
    `hr_only` leaves out manager rights, for HR's own work (imports of a cycle's data).
    """
    roles = roles_for(user)
    conditions = []
    if roles.employee is not None and own is not None:
        conditions.append(Q(**{f"{via}pk": roles.employee.pk}) & own)
    if roles.is_manager and not hr_only:
        conditions.append(Q(**{f"{via}manager_path__under": roles.employee.reports_prefix}))
    # HR of the whole organisation reaches every department: no condition on the department at
    # all, so that a list is read from its own indexes rather than from 20,000 people's departments.
    hr_q = Q() if roles.company_wide else hr_department_q(roles, prefix=f"{via}department__")
    if hr_q is not None:
        if roles.employee is not None:
            hr_q &= ~Q(**{f"{via}pk": roles.employee.pk})
        elif roles.company_wide:
            return Q()  # nothing left out, so the other conditions add nothing
        conditions.append(hr_q)
    return reduce(or_, conditions) if conditions else NOBODY


def departments_q(user, prefix: str = "") -> Q:
    """The condition "departments whose team reports this user reads" (through `prefix`, e.g.
    "department__"): HR's scope, and a manager's own department with everything under it (where a
    report counts only the manager's own line)."""
    roles = roles_for(user)
    conditions = []
    hr_q = hr_department_q(roles, prefix=prefix)
    if hr_q is not None:
        conditions.append(hr_q)
    if roles.is_manager:
        conditions.append(Q(**{f"{prefix}path__under": roles.employee.department.path}))
    return reduce(or_, conditions) if conditions else NOBODY


def whole_departments_q(user, prefix: str = "") -> Q:
    """The condition "departments this user's rights reach whole" (through `prefix`): those of HR's
    scope the user is not in themself, and the departments a manager heads — under their own,
    with nobody in them outside the manager's reporting line. A team plan's figures are the whole
    department's: only they own one."""
    roles = roles_for(user)
    conditions = []
    hr_q = hr_department_q(roles, prefix=prefix)
    if hr_q is not None:
        if roles.employee is not None:
            hr_q &= ~Q(**{f"{prefix}path__in": containing(roles.employee.department.path)})
        conditions.append(hr_q)
    if roles.is_manager and (headed := headed_paths(user)):
        conditions.append(Q(**{f"{prefix}path__in": headed}))
    return reduce(or_, conditions) if conditions else NOBODY


def reaches_department(user, department: Department) -> bool:
    """The one-object form of `whole_departments_q`."""
    if roles_for(user).is_manager and department.path in headed_paths(user):
        return True
    return is_hr_over_department(user, department)


def is_hr_over_department(user, department: Department) -> bool:
    """HR rights over the department, which the user is not in themself."""
    roles = roles_for(user)
    own = containing(roles.employee.department.path) if roles.employee is not None else []
    return roles.hr_covers_path(department.path) and department.path not in own


# (user id, rights stamp) → the paths of the departments the manager heads, kept per process.
_HEADED: dict[tuple, tuple[str, ...]] = {}


def headed_paths(user) -> tuple[str, ...]:
    """The paths of the departments under a manager's own with everyone in them in the manager's
    reporting line (two queries, then kept while the rights stamp stands)."""
    key = rights_key(user)
    if key is not None and key in _HEADED:
        return _HEADED[key]
    me = roles_for(user).employee
    outside = set(
        Employee.objects.filter(department__path__under=me.department.path, status=Employee.Status.ACTIVE)
        .exclude(manager_path__under=me.reports_prefix)
        .exclude(pk=me.pk)
        .values_list("department__path", flat=True)
        .distinct()
    )
    under = Department.objects.filter(path__under=me.department.path).values_list("path", flat=True)
    found = tuple(p for p in under if not any(o.startswith(p) for o in outside))
    if key is not None:
        if len(_HEADED) >= _MOST_CACHED:
            _HEADED.clear()
        _HEADED[key] = found
    return found


def containing(path: str) -> list[str]:
    """A path and every path above it ("/1/5/9/" → "/1/", "/1/5/", "/1/5/9/"; "" → none): the
    departments a department is in, or the reporting lines a person is in."""
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]


class ScopedQuerySet(QuerySet):
    """A queryset of people's records that knows how to restrict itself to a user's reach.

    A model sets `people_via` (the path to the employee, e.g. "employee__") and may override
    `own_q()` to say which of a person's own records they see (all of them by default).
    """

    def own_q(self) -> Q | None:
        return Q()

    def visible_to(self, user):
        via = getattr(self.model, "people_via", "")
        return self.filter(people_q(user, via=via, own=self.own_q()))

    def reached_by(self, user):
        """Only the records the user's manager or HR rights reach (never their own)."""
        via = getattr(self.model, "people_via", "")
        return self.filter(people_q(user, via=via))


def is_self(user, employee: Employee) -> bool:
    roles = roles_for(user)
    return roles.employee is not None and roles.employee.pk == employee.pk


def can_manage(user, employee: Employee) -> bool:
    """True when the employee is in the user's reporting subtree (direct or indirect)."""
    roles = roles_for(user)
    return bool(roles.is_manager and employee.manager_path.startswith(roles.employee.reports_prefix))


def is_hr_for(user, employee: Employee) -> bool:
    """HR rights over this person: in the user's HR scope, and not the user themself."""
    roles = roles_for(user)
    return roles.is_hr and roles.hr_covers_path(employee.department.path) and not is_self(user, employee)


def reaches(user, employee: Employee) -> bool:
    """The user's manager or HR rights reach this person (the one-object form of `people_q`)."""
    return can_manage(user, employee) or is_hr_for(user, employee)


def is_company_wide_hr(user) -> bool:
    """HR whose scope covers every top-level department: the whole organisation."""
    return roles_for(user).company_wide


# The organisation (the org app's pages and API).


def visible_employees(user) -> QuerySet[Employee]:
    """Employees the user may see: self, their reporting subtree, their HR scope; admin sees all."""
    if roles_for(user).is_admin:
        return Employee.objects.all()
    return Employee.objects.filter(people_q(user, own=Q()))


def managed_employees(user) -> QuerySet[Employee]:
    """The user's direct and indirect reports (their team), nobody else."""
    roles = roles_for(user)
    if not roles.is_manager:
        return Employee.objects.none()
    return Employee.objects.filter(manager_path__under=roles.employee.reports_prefix)


def hr_departments(user) -> QuerySet[Department]:
    """Departments in the user's HR scope (with sub-departments); admin has all."""
    roles = roles_for(user)
    if roles.is_admin:
        return Department.objects.all()
    hr_q = hr_department_q(roles)
    return Department.objects.filter(hr_q) if hr_q is not None else Department.objects.none()


def visible_departments(user) -> QuerySet[Department]:
    """Departments in HR scope, plus those where the user can see someone."""
    roles = roles_for(user)
    if roles.is_admin:
        return Department.objects.all()
    conditions = [Q(pk__in=visible_employees(user).values("department_id"))]
    hr_q = hr_department_q(roles)
    if hr_q is not None:
        conditions.append(hr_q)
    return Department.objects.filter(reduce(or_, conditions))


def can_view_employee(user, employee: Employee) -> bool:
    return roles_for(user).is_admin or is_self(user, employee) or reaches(user, employee)


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


# Audit: who changed access, and who opened whose private records.


def can_read_access_changes(user) -> bool:
    """Changes of HR scopes and accounts: HR and admins."""
    roles = roles_for(user)
    return roles.is_hr or roles.is_admin


def can_see_reads_of(user, employee: Employee) -> bool:
    """Who opened a person's records: HR in scope, the person's managers, and the person."""
    return is_self(user, employee) or reaches(user, employee)
