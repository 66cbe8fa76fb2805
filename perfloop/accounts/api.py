"""Accounts over the API, as on *Accounts* for HR (their scope) and administrators: invitations
sent and withdrawn, an account disabled or enabled, a link to set a new password."""

from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from ninja import Path, Router, Schema
from pydantic import Field

from perfloop.accounts import invitations, managing
from perfloop.api import answers
from perfloop.api.schemas import MAX_ID, errors

router = Router(tags=["accounts"])
ID = Path(..., ge=1, le=MAX_ID)


class InviteIn(Schema):
    employees: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(..., min_length=1, max_length=1000)


class SentOut(Schema):
    employee_id: int
    employee_no: str
    username: str
    link: str | None  # the link to set a password when it was not e-mailed (shown this once)


class AccountOut(Schema):
    employee_id: int
    state: str  # active, disabled, invited, none
    link: str | None = None  # after `reset`, when not e-mailed


def _sent(s) -> dict:
    return {"employee_id": s.employee.pk, "employee_no": s.employee.employee_no,
            "username": s.employee.user.username, "link": None if s.emailed else s.link}  # fmt: skip


@router.post(
    "/invitations", response={200: list[SentOut], **errors(400, 401, 403, 422)}, url_name="invitations_send"
)
def invite(request, payload: InviteIn):
    """An account and a fresh single-use link for each of these people in scope who cannot sign in yet."""
    if not invitations.can_invite(request.user):
        return answers.forbidden()
    pending = invitations.without_access(invitations.invitable(request.user)).filter(pk__in=payload.employees)
    try:
        return [_sent(s) for s in invitations.invite(employees=pending, by=request.user)]
    except PermissionDenied:
        return answers.forbidden()


@router.delete(
    "/invitations/{invitation_id}",
    response={204: None, **errors(401, 403, 404, 422)},
    url_name="invitation_cancel",
)
def invitation_cancel(request, invitation_id: int = ID):
    """Withdraw a link: it stops working at once."""
    if not invitations.can_invite(request.user):
        return answers.forbidden()
    if not invitations.cancel(invitation_id=invitation_id, by=request.user):
        return answers.not_found()
    return HttpResponse(status=204)


@router.post(
    "/accounts/{employee_id}/{action}", response={200: AccountOut, **errors(401, 403, 404, 422)},
    url_name="account_action",
)  # fmt: skip
def account_action(request, action: Literal["disable", "enable", "reset"], employee_id: int = ID):
    """Disable or enable someone's account, or make a link for them to set a new password."""
    if not invitations.can_invite(request.user):
        return answers.forbidden()
    try:
        if action == "reset":
            employee, link, emailed = managing.reset_link(employee_id=employee_id, by=request.user)
            return {
                "employee_id": employee.pk,
                "state": managing.state_of(employee),
                "link": None if emailed else link,
            }
        employee = {"disable": managing.disable, "enable": managing.enable}[action](
            employee_id=employee_id, by=request.user
        )
    except PermissionDenied:
        return answers.not_found()  # nobody in the caller's scope with such an account
    employee.user.refresh_from_db(fields=["is_active", "password"])
    return {"employee_id": employee.pk, "state": managing.state_of(employee)}
