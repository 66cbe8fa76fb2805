"""Organisation import: parse → validate every row → preview → apply all-or-nothing.

A file lists employees, one per row, identified by employee number. Existing
employees are updated, new ones created, those not in the file left alone.
The department column is a path of names ("研发中心/后端组"); missing departments
and positions are created on apply and listed in the preview.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop.access.policy import roles_for
from perfloop.bulk import ANALYZE_AFTER, refresh_statistics
from perfloop.documents.imports import PREVIEW_ROWS, ImportRefused, RowError, parse_date, preview, summary
from perfloop.documents.imports import text as _text
from perfloop.documents.tables import Column, TableError, read_table
from perfloop.org.events import announce_leaving
from perfloop.org.models import Department, Employee, Position
from perfloop.org.services import rebuild_paths
from perfloop.org.spelling import spelling_of

COLUMNS = [
    Column("employee_no", ("工号", "employee_no", "employee number", "员工编号")),
    Column("name", ("姓名", "name")),
    Column("department", ("部门", "department")),
    Column("position", ("岗位", "position", "职位"), required=False),
    Column("manager_no", ("直属上级工号", "manager_no", "manager number", "上级工号"), required=False),
    Column("hire_date", ("入职日期", "hire_date", "hire date"), required=False),
    Column("email", ("邮箱", "email", "电子邮箱"), required=False, max_length=254),
    Column("mobile", ("手机", "mobile", "手机号", "mobile number"), required=False, max_length=20),
    Column("status", ("状态", "status"), required=False),
]
STATUS_WORDS = {
    "active": Employee.Status.ACTIVE,
    "在职": Employee.Status.ACTIVE,
    "left": Employee.Status.LEFT,
    "离职": Employee.Status.LEFT,
}
DEPARTMENT_SEPARATORS = re.compile(r"\s*[/／>]\s*")
CHANGEABLE_FIELDS = ["name", "department_id", "position_id", "hire_date", "email", "mobile", "status"]


@dataclass(slots=True)
class OrgRow:
    line: int
    employee_no: str
    name: str = ""
    department: tuple[str, ...] = ()
    department_id: int | None = None  # None when the department is new
    position: str | None = None
    manager_no: str | None = None
    hire_date: dt.date | None = None
    email: str = ""
    status: str | None = None
    mobile: str = ""
    invalid: bool = False  # kept only so that other rows may name it as their manager


@dataclass
class OrgImportPlan:
    rows: list[OrgRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    new_departments: list[str] = field(default_factory=list)
    new_positions: list[str] = field(default_factory=list)
    to_create: int = 0
    to_update: int = 0
    unchanged: int = 0
    read: list = field(default_factory=list, repr=False)  # the rows as read, for the preview

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict:
        notes = []
        if self.new_departments:
            notes.append(_("New departments: %(names)s") % {"names": ", ".join(self.new_departments)})
        if self.new_positions:
            notes.append(_("New positions: %(names)s") % {"names": ", ".join(self.new_positions)})
        return summary(
            kind="org",
            rows=len(self.rows),
            to_create=self.to_create,
            to_update=self.to_update,
            unchanged=self.unchanged,
            notes=notes,
            errors=self.errors,
            groups=len(self.rows),
            shown=preview(COLUMNS, self.read, self.errors),
        )


class DepartmentIndex:
    """Resolves department paths against the existing tree, noting those to create."""

    def __init__(self):
        self.by_id = {d.id: d for d in Department.objects.only("id", "name", "parent_id", "path")}
        self.children: dict[tuple[int | None, str], Department] = {
            (d.parent_id, d.name): d for d in self.by_id.values()
        }
        self.by_name: dict[str, list[Department]] = {}
        for d in self.by_id.values():
            self.by_name.setdefault(d.name, []).append(d)

    def resolve(self, names: tuple[str, ...]) -> tuple[Department | None, tuple[str, ...]]:
        """Return (deepest existing department, names still to create below it)."""
        first = self.children.get((None, names[0]))
        if first is None:
            candidates = self.by_name.get(names[0], [])
            if len(candidates) > 1:
                raise ValueError(names[0])
            first = candidates[0] if candidates else None
        if first is None:
            return None, names
        current = first
        for i, name in enumerate(names[1:], start=1):
            child = self.children.get((current.id, name))
            if child is None:
                return current, names[i:]
            current = child
        return current, ()


class _RowChecker:
    """Checks one row at a time against the organisation as it is, remembering what earlier rows named."""

    def __init__(self, plan: OrgImportPlan, user):
        self.plan = plan
        roles = roles_for(user) if user is not None else None
        self.roles = roles if roles is not None and not roles.is_admin else None  # None: no HR scope to keep
        self.existing = {
            e.employee_no: e
            for e in Employee.objects.select_related("department", "position", "manager").only(
                "id",
                "employee_no",
                "name",
                "department__path",
                "department__name",
                "position__name",
                "manager__employee_no",
                "hire_date",
                "email",
                "mobile",
                "status",
                "manager_path",
            )
        }
        self.departments = DepartmentIndex()
        self.positions = set(Position.objects.values_list("name", flat=True))
        self.first_line: dict[str, int] = {}
        self.new_departments: dict[str, None] = {}
        self.new_positions: dict[str, None] = {}
        # Thousands of rows name the same department: split each path once and share the result.
        self.split_paths: dict[str, tuple[str, ...]] = {}
        self.line = 0

    def error(self, message: str) -> None:
        self.plan.errors.append(RowError(self.line, message))

    def check(self, raw) -> None:
        v, self.line = raw.values, raw.line
        errors_before = len(self.plan.errors)
        for message in raw.errors:
            self.error(message)
        employee_no = self.employee_no(_text(v.get("employee_no")))
        name = self.name(_text(v.get("name")))
        department_names, department_id = self.department(_text(v.get("department")), employee_no)
        position = self.position(_text(v.get("position")) or None)
        hire_date = self.hire_date(v.get("hire_date"))
        email = self.email(_text(v.get("email")))
        mobile = self.mobile(_text(v.get("mobile")))
        status = self.status(v.get("status"))
        manager_no = _text(v.get("manager_no")) or None
        if len(self.plan.errors) == errors_before:
            self.plan.rows.append(
                OrgRow(
                    self.line,
                    employee_no,
                    name,
                    department_names,
                    department_id,
                    position,
                    manager_no,
                    hire_date,
                    email,
                    status,
                    mobile=mobile,
                )
            )
        elif employee_no and self.first_line.get(employee_no) == self.line:
            self.plan.rows.append(OrgRow(self.line, employee_no, manager_no=manager_no, invalid=True))

    def employee_no(self, employee_no: str) -> str:
        if not employee_no:
            self.error(_("Employee number is missing."))
        elif len(employee_no) > 32:
            self.error(_("Employee number %(no)s is longer than 32 characters.") % {"no": employee_no})
        elif employee_no in self.first_line:
            self.error(
                _("Employee number %(no)s appears twice (also on line %(other)d).")
                % {"no": employee_no, "other": self.first_line[employee_no]}
            )
        else:
            self.first_line[employee_no] = self.line
        return employee_no

    def name(self, name: str) -> str:
        if not name:
            self.error(_("Name is missing."))
        elif len(name) > 100:
            self.error(_("Name is longer than 100 characters."))
        return name

    def department(self, text: str, employee_no: str) -> tuple[tuple[str, ...], int | None]:
        """The path's names and the existing department's id (None when it is to be created)."""
        if text not in self.split_paths:
            self.split_paths[text] = tuple(n for n in DEPARTMENT_SEPARATORS.split(text) if n)
        names = self.split_paths[text]
        if not names:
            self.error(_("Department is missing."))
            return names, None
        if any(len(n) > 100 for n in names):
            self.error(_("A department name is longer than 100 characters."))
            return names, None
        try:
            parent, to_create = self.departments.resolve(names)
        except ValueError as exc:
            self.error(
                _("Department “%(name)s” exists in several places; write its full path, e.g. 总部/%(name)s.")
                % {"name": exc.args[0]}
            )
            return names, None
        if to_create:
            self.new_departments["/".join(names)] = None
        if self.roles is not None:
            current = self.existing.get(employee_no)
            roots = sorted(name for (parent_id, name) in self.departments.children if parent_id is None)
            if parent is None and roots:  # a new top department: a wrong first name, most often
                self.error(
                    _(
                        "There is no top department “%(name)s”: the organisation's is %(roots)s. Write the path from it, e.g. %(example)s."
                    )
                    % {
                        "name": names[0],
                        "roots": "、".join(f"“{r}”" for r in roots),
                        "example": "/".join((roots[0], *names[1:])) or roots[0],
                    }
                )
            elif not self.roles.hr_covers_path(parent.path if parent is not None else "/") or (
                current is not None and not self.roles.hr_covers_path(current.department.path)
            ):
                self.error(_("Department “%(name)s” is outside your HR scope.") % {"name": text})
        return names, (parent.id if parent is not None and not to_create else None)

    def position(self, position: str | None) -> str | None:
        if position and len(position) > 100:
            self.error(_("Position is longer than 100 characters."))
        elif position and position not in self.positions:
            self.new_positions[position] = None
        return position

    def hire_date(self, value) -> dt.date | None:
        if value is None:
            return None
        try:
            return parse_date(value)
        except ValueError:
            self.error(_("Hire date “%(value)s” is not a date; write it as 2024-03-01.") % {"value": value})
            return None

    def email(self, email: str) -> str:
        if email:
            try:
                validate_email(email)
            except ValidationError:
                self.error(_("Email “%(value)s” is not a valid address.") % {"value": email})
        return email

    def mobile(self, mobile: str) -> str:
        digits = mobile.replace(" ", "").replace("-", "")
        if digits and not (digits.lstrip("+").isdigit() and 5 <= len(digits) <= 20):
            self.error(_("Mobile number “%(value)s” is not a phone number.") % {"value": mobile})
        return digits

    def status(self, value) -> str | None:
        if value is None:
            return None
        status = STATUS_WORDS.get(_text(value).lower())
        if status is None:
            self.error(_("Status “%(value)s” is unknown; use 在职/active or 离职/left.") % {"value": value})
        return status

    def check_own_record(self) -> None:
        """HR's rights do not reach their own record: it may appear in the file only as it is."""
        own = self.roles.employee if self.roles is not None else None
        for row in self.plan.rows:
            if (
                own is not None
                and row.employee_no == own.employee_no
                and _differs(self.existing[own.employee_no], row)
            ):
                self.plan.errors.append(
                    RowError(
                        row.line,
                        _("This row changes your own record; another HR user or an admin must do that."),
                    )
                )

    def count(self) -> None:
        plan = self.plan
        plan.new_departments = list(self.new_departments)
        plan.new_positions = list(self.new_positions)
        for row in plan.rows:
            current = self.existing.get(row.employee_no)
            if current is None:
                plan.to_create += 1
            elif _differs(current, row):
                plan.to_update += 1
            else:
                plan.unchanged += 1


def plan_org_import(content: bytes, filename: str, *, user=None) -> OrgImportPlan:
    """Validate a file against the organisation as it is now. Writes nothing."""
    plan = OrgImportPlan()
    try:
        raw_rows = read_table(content, filename, COLUMNS)
    except TableError as exc:
        plan.errors.append(RowError(0, str(exc)))
        return plan
    plan.read = raw_rows[:PREVIEW_ROWS]
    checker = _RowChecker(plan, user)
    for raw in raw_rows:
        checker.check(raw)
    _check_reporting_lines(plan, checker.existing)
    plan.rows = [r for r in plan.rows if not r.invalid]
    checker.check_own_record()
    plan.errors.sort(key=lambda e: e.line)
    if plan.ok:
        checker.count()
    return plan


def _check_reporting_lines(plan: OrgImportPlan, existing: dict[str, Employee]) -> None:
    """Unknown managers, self-management and cycles, over the file merged with the organisation."""
    manager_of = {no: (e.manager.employee_no if e.manager_id else None) for no, e in existing.items()}
    in_file = {}
    for row in plan.rows:
        manager_of[row.employee_no] = row.manager_no
        in_file[row.employee_no] = row
    reported = set()
    for row in plan.rows:
        if row.manager_no is None or row.invalid:
            continue
        if row.manager_no == row.employee_no:
            plan.errors.append(RowError(row.line, _("An employee cannot be their own manager.")))
            continue
        if row.manager_no not in manager_of:
            plan.errors.append(
                RowError(
                    row.line,
                    _("Manager %(no)s is neither in the file nor in the organisation.")
                    % {"no": row.manager_no},
                )
            )
            continue
        chain = [row.employee_no]
        current = row.manager_no
        while current is not None and current not in chain:
            chain.append(current)
            current = manager_of.get(current)
        if current is not None:
            loop = chain[chain.index(current) :] + [current]
            key = frozenset(loop)
            if key not in reported and row.employee_no in loop:
                reported.add(key)
                plan.errors.append(
                    RowError(
                        row.line,
                        _("The reporting line forms a cycle: %(loop)s.") % {"loop": " → ".join(loop)},
                    )
                )


def _differs(current: Employee, row: OrgRow) -> bool:
    return (
        current.name != row.name
        or current.department_id != row.department_id
        or (current.position.name if current.position_id else None) != row.position
        or (current.manager.employee_no if current.manager_id else None) != row.manager_no
        or (row.hire_date is not None and current.hire_date != row.hire_date)
        or (row.email and current.email != row.email)
        or (row.mobile and current.mobile != row.mobile)
        or (row.status is not None and current.status != row.status)
    )


@transaction.atomic
def apply_org_import(content: bytes, filename: str, *, user=None) -> OrgImportPlan:
    """Validate again and write everything, or nothing when any row is wrong."""
    plan = plan_org_import(content, filename, user=user)
    if not plan.ok:
        raise ImportRefused(plan)
    departments = DepartmentIndex()
    department_for: dict[tuple[str, ...], Department] = {}
    for row in plan.rows:
        if row.department in department_for:
            continue
        parent, to_create = departments.resolve(row.department)
        for name in to_create:
            created_department = Department(name=name, parent=parent)
            created_department._history_user = user  # who, in the department's history
            created_department.save()
            departments.children[(parent.id if parent else None, name)] = created_department
            parent = created_department
        department_for[row.department] = parent

    Position.objects.bulk_create([Position(name=n) for n in plan.new_positions], ignore_conflicts=True)
    position_ids = dict(Position.objects.values_list("name", "id"))
    existing = {e.employee_no: e for e in Employee.objects.all()}

    created, updated, leaving = [], [], []
    today = timezone.localdate()
    for row in plan.rows:
        employee = existing.get(row.employee_no) or Employee(employee_no=row.employee_no)
        before = {f: getattr(employee, f) for f in CHANGEABLE_FIELDS}
        if employee.pk and employee.status != Employee.Status.LEFT and row.status == Employee.Status.LEFT:
            leaving.append(employee)
            employee.left_on = today
        elif row.status == Employee.Status.ACTIVE:
            employee.left_on = None  # back: their records are kept as anyone's
        elif row.status == Employee.Status.LEFT and employee.pk is None:
            employee.left_on = today
        employee.name = row.name
        employee.spelling = spelling_of(row.name)
        employee.department_id = department_for[row.department].id
        employee.position_id = position_ids[row.position] if row.position else None
        employee.hire_date = row.hire_date or employee.hire_date
        employee.email = row.email or employee.email
        employee.mobile = row.mobile or employee.mobile
        employee.status = row.status or employee.status
        if employee.pk is None:
            created.append(employee)
        elif before != {f: getattr(employee, f) for f in CHANGEABLE_FIELDS}:
            updated.append(employee)
    Employee.objects.bulk_create(created, batch_size=500)

    # Managers are set once every employee has an id, since a new one may manage another.
    ids = dict(Employee.objects.values_list("employee_no", "id"))
    new = {e.employee_no: e for e in created}
    updated_nos = {e.employee_no for e in updated}
    for row in plan.rows:
        employee = existing.get(row.employee_no) or new[row.employee_no]
        manager_id = ids[row.manager_no] if row.manager_no else None
        if employee.manager_id != manager_id:
            employee.manager_id = manager_id
            if employee.employee_no not in new and employee.employee_no not in updated_nos:
                updated.append(employee)
    Employee.objects.bulk_update(
        created + updated,
        [
            "manager",
            "name",
            "spelling",
            "department",
            "position",
            "hire_date",
            "email",
            "mobile",
            "status",
            "left_on",
        ],
        batch_size=500,
    )
    Employee.history.bulk_history_create(created, batch_size=500, default_user=user)
    Employee.history.bulk_history_create(updated, batch_size=500, update=True, default_user=user)
    rebuild_paths()
    announce_leaving(leaving, by=user)
    if len(created) + len(updated) >= ANALYZE_AFTER:
        refresh_statistics(Department, Employee)
    return plan


def _names_along(path: str, names: dict[int, str]) -> str:
    return "/".join(names[int(pk)] for pk in path.strip("/").split("/") if pk)  # the top first, itself last


def department_names(department: Department) -> str:
    """The department's path of names as a file names it ("星河科技/研发中心/后端组")."""
    line = [int(pk) for pk in department.path.strip("/").split("/") if pk]
    return _names_along(
        department.path, dict(Department.objects.filter(pk__in=line).values_list("pk", "name"))
    )


def all_department_names() -> dict[int, str]:
    """Every department's path of names, by id, in one query."""
    rows = list(Department.objects.values_list("pk", "name", "path"))
    names = {pk: name for pk, name, _path in rows}
    return {pk: _names_along(path, names) for pk, _name, path in rows}


def _rows_as_file(rows: list[dict]) -> bytes:
    import csv
    import io

    fields = [c.field for c in COLUMNS]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    writer.writerows({f: ("" if row.get(f) is None else str(row.get(f))) for f in fields} for row in rows)
    return out.getvalue().encode("utf-8")


def plan_rows(rows: list[dict], *, user) -> OrgImportPlan:
    """Rows as `apply_rows` takes them, checked as the import checks them; nothing written."""
    return plan_org_import(_rows_as_file(rows), "api.csv", user=user)


def apply_rows(rows: list[dict], *, user) -> OrgImportPlan:
    """Rows given as the file's columns (employee_no, name, department, position, manager_no,
    hire_date, email, mobile, status), applied by the import itself: checked, in the user's scope,
    all or nothing (raises ImportRefused)."""
    return apply_org_import(_rows_as_file(rows), "api.csv", user=user)
