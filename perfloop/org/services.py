"""Business actions on the organisation."""

from django.core.exceptions import ValidationError
from django.db import transaction

from perfloop.org.models import Department, Employee


def compute_paths(parents: dict[int, int | None]) -> dict[int, str]:
    """Map each node id to the ids above it, "/1/7/", following `parents`.

    A node caught in a cycle (never possible through our forms and imports)
    is treated as a root rather than looping forever.
    """
    paths: dict[int, str] = {}

    def resolve(node: int) -> str:
        chain = []
        current = node
        seen = set()
        while current is not None and current not in paths:
            if current in seen:
                break
            seen.add(current)
            chain.append(current)
            current = parents.get(current)
        prefix = f"{paths[current]}{current}/" if current in paths else "/"
        for item in reversed(chain):
            paths[item] = prefix
            prefix = f"{prefix}{item}/"
        return paths[node]

    for node in parents:
        if node not in paths:
            resolve(node)
    return paths


@transaction.atomic
def rebuild_paths() -> None:
    """Recompute department paths and employee reporting lines, writing only what changed."""
    departments = list(Department.objects.only("id", "parent_id", "path", "depth"))
    above = compute_paths({d.id: d.parent_id for d in departments})
    changed = []
    for d in departments:
        path = f"{above[d.id]}{d.id}/"
        depth = path.count("/") - 2
        if (d.path, d.depth) != (path, depth):
            d.path, d.depth = path, depth
            changed.append(d)
    Department.objects.bulk_update(changed, ["path", "depth"], batch_size=500)

    employees = list(Employee.objects.only("id", "manager_id", "manager_path"))
    above = compute_paths({e.id: e.manager_id for e in employees})
    changed = []
    for e in employees:
        if e.manager_path != above[e.id]:
            e.manager_path = above[e.id]
            changed.append(e)
    Employee.objects.bulk_update(changed, ["manager_path"], batch_size=500)


def would_create_cycle(employee: Employee, manager: Employee | None) -> bool:
    """True when making `manager` the employee's manager closes a loop in the reporting line."""
    if manager is None or employee.pk is None:
        return False
    return manager.pk == employee.pk or manager.manager_path.startswith(employee.reports_prefix)


def _role_row(employee: Employee, position, department: Department | None) -> dict:
    from perfloop.org.importing import department_names

    return {
        "employee_no": employee.employee_no, "name": employee.name,
        "department": department_names(department or employee.department),
        "position": position.name if position else (employee.position.name if employee.position_id else ""),
        "manager_no": employee.manager.employee_no if employee.manager_id else "",
    }  # fmt: skip


def _refused(errors) -> ValidationError:
    return ValidationError(" ".join(str(e.message) for e in errors), code="invalid")


def check_role_change(*, employee: Employee, by, position=None, department: Department | None = None) -> None:
    """The checks `change_role` makes, writing nothing: a change decided now that takes effect on a
    later date is refused now for the reasons it would be refused then."""
    from perfloop.org.importing import plan_rows

    plan = plan_rows([_role_row(employee, position, department)], user=by)
    if not plan.ok:
        raise _refused(plan.errors)


def change_role(*, employee: Employee, by, position=None, department: Department | None = None) -> Employee:
    """A new position or department for someone (a promotion or transfer decided elsewhere), written
    as one row of the organisation import — the same checks, scope and history as every change.
    Refused whole with the import's reasons (a ValidationError)."""
    from perfloop.documents.imports import ImportRefused
    from perfloop.org.importing import apply_rows

    try:
        apply_rows([_role_row(employee, position, department)], user=by)
    except ImportRefused as refused:
        raise _refused(refused.plan.errors) from None
    employee.refresh_from_db()
    return employee
