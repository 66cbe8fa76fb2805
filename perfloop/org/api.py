from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from perfloop.access import policy
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, NO_NUL, DepartmentOut, EmployeeOut, MeOut, errors
from perfloop.org import selectors

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
        return Status(404, {"detail": _("Not found.")})
    return found


@router.get("/departments", response={200: list[DepartmentOut], **errors(401)}, url_name="departments")
def departments(request):
    return list(selectors.department_choices(request.user).only("id", "name", "parent_id", "depth"))
