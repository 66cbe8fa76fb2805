"""Keeping the organisation in step with a directory 通讯录同步: the directory's units and people,
read whole, become a plan like the organisation import's — people added, changed, moved, left;
departments added, renamed, moved; row errors — previewed (written and rolled back: the preview
is exactly what applying would do) or applied all-or-nothing. People are written by the
organisation import's own service from rows the directory gives; people linked to the directory
and gone from it (or switched off there) become *left*: they lose sign-in at once, their records
stay. A unit keeps its department (and its history) when renamed or moved. The sync never gives
anyone a right. A run that fails changes nothing, is logged, and HR hears of it."""

import logging
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from perfloop.directory.models import DepartmentLink, PersonLink, SyncRun
from perfloop.documents.imports import ImportRefused
from perfloop.org.importing import all_department_names, apply_rows
from perfloop.org.models import Department, Employee
from perfloop.org.services import rebuild_paths

log = logging.getLogger("perfloop.directory")


@dataclass(frozen=True)
class Unit:
    external_id: str
    name: str
    parent_id: str | None  # the parent unit's external id; None at the top


@dataclass(frozen=True)
class Person:
    external_id: str
    name: str
    unit_id: str
    employee_no: str = ""
    position: str = ""
    manager_id: str = ""  # the manager's external id
    email: str = ""
    mobile: str = ""


@dataclass
class Snapshot:
    units: list[Unit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)


class Unavailable(Exception):
    """The directory could not be read (refused, unreachable, rate-limited past the tries)."""


def perform(run: SyncRun, snapshot_of) -> SyncRun:
    """Read the directory (`snapshot_of()`), plan, and apply or roll back; the run kept."""
    started = time.monotonic()
    counts, errors, reason = {}, [], ""
    try:
        snapshot = snapshot_of()
        with transaction.atomic():
            counts, errors = _write(run.source, snapshot, run.by)
            if errors or not run.apply:
                transaction.set_rollback(True)
    except Unavailable as failure:
        reason = str(failure)
    except Exception as failure:  # noqa: BLE001 (whatever broke, nothing was written; it is kept)
        log.exception("directory sync failed")
        reason = f"{type(failure).__name__}: {failure}"
    if run.apply and errors:
        reason = _("%(count)d rows were refused; nothing was changed.") % {"count": len(errors)}
    run.counts, run.errors = counts, errors or ([[0, reason]] if reason else [])
    run.status = (
        SyncRun.Status.FAILED if reason else SyncRun.Status.APPLIED if run.apply else SyncRun.Status.PREVIEWED
    )
    run.seconds = time.monotonic() - started
    run.save()
    if reason:
        from perfloop.directory.events import sync_failed

        sync_failed(run.source, reason)
    return run


def run(source: str, snapshot_of, *, apply: bool, by=None) -> SyncRun:
    """A sync now, in this process (a command's): refused while a queued one waits."""
    from perfloop.directory.services import open_run

    return perform(open_run(source=source, apply=apply, by=by), snapshot_of)


def _write(source: str, snapshot: Snapshot, by) -> tuple[dict, list]:
    counts = _departments(source, snapshot.units, by)
    department_of = dict(
        DepartmentLink.objects.filter(source=source).values_list("external_id", "department_id")
    )
    names = all_department_names()  # the paths as written just now (rebuild_paths ran)
    linked = dict(PersonLink.objects.filter(source=source).values_list("external_id", "employee_id"))
    employees = {
        e.pk: e for e in Employee.objects.select_related("position", "manager").only(
            "pk", "employee_no", "name", "department_id", "position__name", "manager__employee_no",
            "email", "mobile", "status", "hire_date",
        )
    }  # fmt: skip
    by_number = {e.employee_no: e for e in employees.values()}
    number_of, rows, errors, new_links = {}, [], [], []
    for person in snapshot.people:  # whose number each directory entry is
        employee = employees.get(linked.get(person.external_id))
        number = employee.employee_no if employee else person.employee_no
        if not number:
            errors.append([0, _("%(name)s has no employee number in the directory.") % {"name": person.name}])
            continue
        if employee is None:  # linked once written: the employee of this number, found or new
            new_links.append((person.external_id, number))
        number_of[person.external_id] = number
    moved = 0
    for person in snapshot.people:
        if person.external_id not in number_of:
            continue
        unit = department_of.get(person.unit_id)
        if unit is None:
            errors.append(
                [0, _("%(name)s is in a unit the directory does not list.") % {"name": person.name}]
            )
            continue
        current = by_number.get(number_of[person.external_id])
        moved += bool(current and current.department_id != unit and current.status == Employee.Status.ACTIVE)
        rows.append({
            "employee_no": number_of[person.external_id], "name": person.name, "department": names[unit],
            "position": person.position, "manager_no": number_of.get(person.manager_id, ""),
            "email": person.email, "mobile": person.mobile, "status": "active",
        })  # fmt: skip
    present = set(number_of)
    leaving = [
        employees[pk] for external_id, pk in linked.items()
        if external_id not in present and employees[pk].status == Employee.Status.ACTIVE
    ]  # fmt: skip
    for employee in leaving:
        rows.append({
            "employee_no": employee.employee_no, "name": employee.name, "department": names[employee.department_id],
            "position": employee.position.name if employee.position_id else "",
            "manager_no": employee.manager.employee_no if employee.manager_id else "", "status": "left",
        })  # fmt: skip
    if errors:
        return counts, errors
    try:
        plan = apply_rows(rows, user=None)
    except ImportRefused as refused:
        return counts, [[e.line, e.message] for e in refused.plan.errors]
    numbers = dict(Employee.objects.values_list("employee_no", "pk"))
    PersonLink.objects.bulk_create(
        [PersonLink(source=source, external_id=e, employee_id=numbers[n]) for e, n in new_links],
        ignore_conflicts=True, batch_size=1000,
    )  # fmt: skip
    counts.update(
        added=plan.to_create, changed=plan.to_update - len(leaving), moved=moved, left=len(leaving),
        unchanged=plan.unchanged,
    )  # fmt: skip
    return counts, []


def _departments(source: str, units: list[Unit], by) -> dict:
    """Each unit's department made, renamed or moved (by its link; a first sync links units to the
    departments of the same path)."""
    linked = {
        link.external_id: link.department
        for link in DepartmentLink.objects.filter(source=source).select_related("department")
    }
    by_place = {(d.parent_id, d.name): d for d in Department.objects.all()}
    counts = {"departments_added": 0, "departments_renamed": 0, "departments_moved": 0}
    placed: dict[str, Department] = {}
    new_links = []
    pending = list(units)
    while pending:  # parents first, whatever order the directory lists them in
        ready = [u for u in pending if u.parent_id is None or u.parent_id in placed]
        if not ready:
            raise ValueError("the directory's units do not form a tree")
        for unit in ready:
            parent = placed[unit.parent_id] if unit.parent_id else None
            parent_pk = parent.pk if parent else None
            department = linked.get(unit.external_id)
            if department is None:  # first seen: the department of the same place, or a new one
                department = by_place.get((parent_pk, unit.name)) or Department(name=unit.name, parent=parent)
                counts["departments_added"] += department.pk is None
                new_links.append(unit.external_id)
            else:
                counts["departments_renamed"] += department.name != unit.name
                counts["departments_moved"] += department.parent_id != parent_pk
            if department.pk is None or department.name != unit.name or department.parent_id != parent_pk:
                department.name, department.parent = unit.name, parent
                department._history_user = by  # who, in the department's history
                department.save()
            placed[unit.external_id] = department
        pending = [u for u in pending if u.external_id not in placed]
    DepartmentLink.objects.bulk_create(
        [DepartmentLink(source=source, external_id=e, department=placed[e]) for e in new_links],
        batch_size=1000,
    )
    rebuild_paths()
    return counts
