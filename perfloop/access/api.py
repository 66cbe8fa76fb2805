"""HR scopes over the API, for administrators as on *HR people*: who is HR for which department."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from ninja import Path, Router, Schema, Status
from pydantic import Field

from perfloop.access import hr_scopes
from perfloop.access.models import HRAssignment
from perfloop.api import answers
from perfloop.api.schemas import MAX_ID, errors
from perfloop.org.models import Department, Employee

router = Router(tags=["access"])


class HRScopeOut(Schema):
    id: int
    user_id: int
    username: str
    department_id: int
    department: str


class HRScopeIn(Schema):
    employee: int = Field(..., ge=1, le=MAX_ID)
    department: int = Field(..., ge=1, le=MAX_ID)


class InvitedOut(Schema):
    employee_no: str
    link: str | None  # the link to set a password, when it was not e-mailed (shown this once)


class HRScopeMadeOut(HRScopeOut):
    invited: list[InvitedOut]  # an account made for someone who had none


def _scope(a: HRAssignment) -> dict:
    return {"id": a.pk, "user_id": a.user_id, "username": a.user.username, "department_id": a.department_id,
            "department": a.department.name}  # fmt: skip


@router.get("/hr-scopes", response={200: list[HRScopeOut], **errors(401, 403)}, url_name="hr_scopes")
def scope_list(request):
    if not hr_scopes.can_name_hr(request.user):
        return answers.forbidden()
    found = HRAssignment.objects.select_related("user", "department").order_by("user_id", "department__path")
    return [_scope(a) for a in found]


@router.post(
    "/hr-scopes", response={201: HRScopeMadeOut, **errors(400, 401, 403, 404, 422)}, url_name="hr_scopes_add"
)
def scope_add(request, payload: HRScopeIn):
    """Make an active employee HR for a department and everything under it (never oneself)."""
    if not hr_scopes.can_name_hr(request.user):
        return answers.forbidden()
    employee = Employee.objects.filter(pk=payload.employee).first()
    department = Department.objects.filter(pk=payload.department).first()
    if employee is None or department is None:
        return answers.not_found()
    try:
        named = hr_scopes.name_hr(employee=employee, department=department, by=request.user)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    scope = HRAssignment.objects.select_related("user", "department").get(pk=named.assignment.pk)
    invited = [
        {"employee_no": s.employee.employee_no, "link": None if s.emailed else s.link} for s in named.invited
    ]
    return Status(201, {**_scope(scope), "invited": invited})


@router.delete(
    "/hr-scopes/{scope_id}", response={204: None, **errors(401, 403, 404, 422)}, url_name="hr_scope_remove"
)
def scope_remove(request, scope_id: int = Path(..., ge=1, le=MAX_ID)):
    if not hr_scopes.can_name_hr(request.user):
        return answers.forbidden()
    if not hr_scopes.remove(assignment_id=scope_id, by=request.user):
        return answers.not_found()
    return HttpResponse(status=204)
