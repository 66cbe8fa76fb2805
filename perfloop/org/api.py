import datetime as dt

from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from ninja import Path, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from perfloop.access import policy
from perfloop.api import answers
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, NO_NUL, DepartmentOut, EmployeeOut, MeOut, errors
from perfloop.org import selectors
from perfloop.org.models import Employee

router = Router(tags=["organisation"])


class EmployeeFilters(Schema):
    department: int | None = Field(
        None, ge=1, le=MAX_ID, description="Department id; includes its sub-departments"
    )
    manager: int | None = Field(
        None, ge=1, le=MAX_ID, description="Manager's employee id; lists their direct reports"
    )
    q: str | None = Field(
        None, max_length=100, pattern=NO_NUL, description="Part of a name, employee number or email"
    )
    status: str = Field("active", pattern="^(active|left|all)$")


@router.get("/me", response={200: MeOut, **errors(401)}, url_name="me")
def me(request):
    roles = policy.roles_for(request.user)
    return {
        "username": request.user.get_username(),
        "language": get_language(),
        "roles": {
            "employee": roles.is_employee,
            "manager": roles.is_manager,
            "hr": roles.is_hr,
            "admin": roles.is_admin,
        },
        "employee": selectors.employee_for(request.user, roles.employee.pk) if roles.employee else None,
    }


@router.get(
    "/employees", response={200: list[EmployeeOut], **errors(400, 401, 404, 422)}, url_name="employees"
)
@paginate(Pages, page_size=50)
def employees(request, filters: Query[EmployeeFilters]):
    department = None
    if filters.department is not None:
        department = get_object_or_404(policy.visible_departments(request.user), pk=filters.department)
    qs = selectors.directory(request.user, department=department, q=filters.q or "", status=filters.status)
    if filters.manager is not None:
        qs = qs.filter(manager_id=filters.manager)
    return qs


@router.get(
    "/employees/{employee_id}", response={200: EmployeeOut, **errors(401, 404, 422)}, url_name="employee"
)
def employee(request, employee_id: int = Path(..., ge=1, le=MAX_ID)):
    found = selectors.employee_for(request.user, employee_id)
    if found is None:
        return answers.not_found()
    return found


@router.get("/departments", response={200: list[DepartmentOut], **errors(401)}, url_name="departments")
def departments(request):
    return list(selectors.department_choices(request.user).only("id", "name", "parent_id", "depth"))


# People written one at a time, by the organisation import's own service: the same checks (the
# HR scope, reporting lines without cycles, one's own record untouched), all or nothing.


class EmployeeIn(Schema):
    employee_no: str = Field(..., min_length=1, max_length=32, pattern=NO_NUL)
    name: str = Field(..., min_length=1, max_length=100, pattern=NO_NUL)
    department: int = Field(..., ge=1, le=MAX_ID)
    position: str = Field("", max_length=100, pattern=NO_NUL)
    manager: int | None = Field(None, ge=1, le=MAX_ID)
    hire_date: dt.date | None = None
    email: str = Field("", max_length=254, pattern=NO_NUL)
    mobile: str = Field("", max_length=20, pattern=NO_NUL)


class EmployeePatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=100, pattern=NO_NUL)
    department: int | None = Field(None, ge=1, le=MAX_ID, description="Another department: a move.")
    position: str | None = Field(None, max_length=100, pattern=NO_NUL)
    manager: int | None = Field(None, ge=0, le=MAX_ID, description="0: no manager.")
    hire_date: dt.date | None = None
    email: str | None = Field(None, max_length=254, pattern=NO_NUL)
    mobile: str | None = Field(None, max_length=20, pattern=NO_NUL)


WRITE = {**errors(400, 401, 403, 404, 422)}


def _write(request, row: dict, status: int = 200):
    from perfloop.documents.imports import ImportRefused
    from perfloop.org.importing import apply_rows

    if not policy.can_import_org(request.user):
        return answers.forbidden()
    try:
        apply_rows([row], user=request.user)
    except ImportRefused as refused:
        return Status(400, {"detail": " ".join(e.message for e in refused.plan.errors)})
    written = Employee.objects.get(employee_no=row["employee_no"])
    return Status(status, selectors.employee_for(request.user, written.pk))


def _row_of(employee: Employee) -> dict:
    from perfloop.org.importing import department_names

    return {
        "employee_no": employee.employee_no, "name": employee.name, "department": department_names(employee.department),
        "position": employee.position.name if employee.position_id else "",
        "manager_no": employee.manager.employee_no if employee.manager_id else "",
    }  # fmt: skip


def _known(request, employee_id):
    """Someone the caller's HR scope covers (None: not found for them)."""
    return (
        policy.visible_employees(request.user)
        .select_related("department", "position", "manager")
        .filter(pk=employee_id)
        .first()
    )


@router.post("/employees", response={201: EmployeeOut, **WRITE}, url_name="employees_add")
def employee_add(request, payload: EmployeeIn):
    """Add someone (or change them, by their number), as one row of the organisation file."""
    from perfloop.org.importing import department_names

    department = policy.visible_departments(request.user).filter(pk=payload.department).first()
    manager = _known(request, payload.manager) if payload.manager else None
    if department is None or (payload.manager and manager is None):
        return answers.not_found()
    row = {
        **payload.dict(),
        "department": department_names(department),
        "manager_no": manager.employee_no if manager else "",
    }
    return _write(request, row, 201)


@router.patch("/employees/{employee_id}", response={200: EmployeeOut, **WRITE}, url_name="employee_change")
def employee_change(request, payload: EmployeePatch, employee_id: int = Path(..., ge=1, le=MAX_ID)):
    """Change someone's name, position, contact details, manager, or move them to another department."""
    from perfloop.org.importing import department_names

    employee = _known(request, employee_id)
    if employee is None:
        return answers.not_found()
    if policy.is_self(request.user, employee):  # nobody's rights reach their own record
        return answers.forbidden()
    row = _row_of(employee) | {
        k: v for k, v in payload.dict().items() if v is not None and k not in ("department", "manager")
    }
    if payload.department is not None:
        department = policy.visible_departments(request.user).filter(pk=payload.department).first()
        if department is None:
            return answers.not_found()
        row["department"] = department_names(department)
    if payload.manager is not None:
        manager = _known(request, payload.manager) if payload.manager else None
        if payload.manager and manager is None:
            return answers.not_found()
        row["manager_no"] = manager.employee_no if manager else ""
    return _write(request, row)


@router.post(
    "/employees/{employee_id}/leave", response={200: EmployeeOut, **WRITE}, url_name="employee_leave"
)
def employee_leave(request, employee_id: int = Path(..., ge=1, le=MAX_ID)):
    """Someone left (离职): they lose sign-in at once; their records stay."""
    employee = _known(request, employee_id)
    if employee is None:
        return answers.not_found()
    if policy.is_self(request.user, employee):
        return answers.forbidden()
    return _write(request, _row_of(employee) | {"status": "left"})
