"""Following plans up over the API: the same services and rules as the pages."""

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from perfloop import inputs
from perfloop.access import audit
from perfloop.api import answers
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, NO_NUL, errors
from perfloop.plans import guards, selectors
from perfloop.plans.apps import PLAN_READ
from perfloop.plans.tracking import closing, services
from perfloop.plans.tracking.models import Closure, Reading
from perfloop.plans.tracking.selectors import agenda_of

router = Router(tags=["follow-up"])
ID = Path(..., ge=1, le=MAX_ID)
FIGURE = Field(ge=-1e11, le=1e11, allow_inf_nan=False)
TEXT = Field("", max_length=inputs.TEXT_LIMIT, pattern=NO_NUL)


class ReadingIn(Schema):
    goal: int = Field(ge=1, le=MAX_ID)
    value: float = FIGURE
    note: str = Field("", max_length=200, pattern=NO_NUL)


class CheckInIn(Schema):
    held_on: dt.date
    kind: Literal["brief", "formal"] = "brief"
    on_track: bool | None = None
    readings: list[ReadingIn] = Field([], max_length=50)
    notes: str = TEXT
    deviations: str = TEXT
    corrections: str = TEXT
    support_asked: str = TEXT
    support_given: str = TEXT
    recognition: str = TEXT


class ReadingOut(Schema):
    id: int
    goal_id: int
    taken_on: dt.date
    value: str
    note: str
    confirmed: bool


class CheckInOut(Schema):
    id: int
    plan_id: int
    held_on: dt.date
    kind: Literal["brief", "formal"]
    on_track: bool | None
    notes: str
    deviations: str
    corrections: str
    support_asked: str
    support_given: str
    recognition: str
    readings: list[ReadingOut]


class OwnReadingIn(Schema):
    goal: int = Field(ge=1, le=MAX_ID)
    taken_on: dt.date
    value: float = FIGURE
    note: str = Field("", max_length=200, pattern=NO_NUL)


def _reading(r: Reading) -> dict:
    return {
        "id": r.pk, "goal_id": r.goal_id, "taken_on": r.taken_on, "value": str(r.value), "note": r.note,
        "confirmed": r.confirmed,
    }  # fmt: skip


def _plan(request, plan_id):
    return selectors.plan_for(request.user, plan_id)


WRITE = errors(400, 401, 403, 404, 409, 422)


@router.post("/plans/{plan_id}/checkins", response={201: CheckInOut, **WRITE}, url_name="plan_checkins_add")
def checkin_add(request, payload: CheckInIn, plan_id: int = ID):
    """A check-in on an active plan, with a reading for each goal measured at it."""
    plan = _plan(request, plan_id)
    if plan is None:
        return answers.not_found()
    texts = payload.dict(include=set(services.CHECKIN_TEXTS))
    try:
        checkin = services.record_checkin(
            plan=plan, by=request.user, held_on=payload.held_on, kind=payload.kind, today=timezone.localdate(),
            readings=[(r.goal, r.value, r.note) for r in payload.readings], on_track=payload.on_track, **texts,
        )  # fmt: skip
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    body = {f: getattr(checkin, f) for f in CheckInOut.model_fields if f != "readings"}
    return Status(201, {**body, "readings": [_reading(r) for r in checkin.readings.all()]})


@router.post("/plans/{plan_id}/readings", response={201: ReadingOut, **WRITE}, url_name="plan_readings_add")
def reading_add(request, payload: OwnReadingIn, plan_id: int = ID):
    """A reading between check-ins: the employee's own waits for the manager's confirmation."""
    plan = _plan(request, plan_id)
    if plan is None:
        return answers.not_found()
    goal = plan.goals.filter(pk=payload.goal).first()
    if goal is None:
        return Status(400, {"detail": _("This goal is not on the plan.")})
    try:
        reading = services.add_reading(
            goal=goal, by=request.user, taken_on=payload.taken_on, value=payload.value, note=payload.note,
            today=timezone.localdate(),
        )  # fmt: skip
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return Status(201, _reading(reading))


@router.post(
    "/readings/{reading_id}/confirm", response={200: ReadingOut, **WRITE}, url_name="reading_confirm"
)
def reading_confirm(request, reading_id: int = ID):
    reading = (
        Reading.objects.visible_to(request.user)
        .select_related("goal__plan__employee")
        .filter(pk=reading_id)
        .first()
    )
    if reading is None:
        return answers.not_found()
    try:
        services.confirm_reading(reading=reading, by=request.user)
    except PermissionDenied:
        return answers.forbidden()
    return _reading(reading)


class DueOut(Schema):
    plan_id: int
    employee_id: int | None  # none for a team plan: `name` is its department's
    name: str
    kind: Literal["check_in", "milestone", "support"]
    what: str
    due: dt.date
    overdue: bool

    @staticmethod
    def resolve_employee_id(item) -> int:
        return item.plan.employee_id

    @staticmethod
    def resolve_name(item) -> str:
        return str(item.plan.subject)


@router.get("/checkins/due", response={200: list[DueOut], **errors(401, 422)}, url_name="checkins_due")
@paginate(Pages, page_size=100)
def checkins_due(request, scope: Literal["mine", "team"] = "mine"):
    """Overdue and due this week: check-ins (what: brief or formal), milestones coming or missed, the
    company's open commitments; for the caller's own plans, or those their rights reach ("team")."""
    return agenda_of(request.user, scope)


# ---------------------------------------------------------------- closure and outcome


class FinalReadingIn(Schema):
    goal: int = Field(ge=1, le=MAX_ID)
    value: float = FIGURE


class CloseIn(Schema):
    result: Literal["met", "partly_met", "not_met"]
    reason: str = TEXT
    readings: list[FinalReadingIn] = Field([], max_length=50)


class OutcomeIn(Schema):
    outcome: Literal["promotion_candidate", "raise_candidate", "extend", "role_change", "none"]
    reason: str = Field(..., min_length=1, max_length=inputs.TEXT_LIMIT, pattern=NO_NUL)


class GoalResultOut(Schema):
    goal_id: int
    final: str | None
    target: str | None
    reached: bool


class ClosureOut(Schema):
    plan_id: int
    result: Literal["met", "partly_met", "not_met"]
    suggested: Literal["met", "partly_met", "not_met"]
    reason: str
    closed_at: dt.datetime
    outcome: Literal["promotion_candidate", "raise_candidate", "extend", "role_change", "none", ""]
    outcome_reason: str
    decided_at: dt.datetime | None
    checked_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    extension_id: int | None
    goals: list[GoalResultOut]


def _closure_out(plan) -> dict:
    closure = Closure.objects.get(plan=plan)
    body = {f: getattr(closure, f) for f in ClosureOut.model_fields if f != "goals"}
    goals = [
        {"goal_id": r.goal.pk, "final": _str(r.final), "target": _str(r.goal.target), "reached": r.reached}
        for r in closing.final_readings(plan)
    ]
    return {**body, "goals": goals}


def _str(value) -> str | None:
    return None if value is None else str(value)


def _closing(request, plan_id, write):
    plan = _plan(request, plan_id)
    if plan is None:
        return answers.not_found()
    try:
        write(plan)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return _closure_out(plan)


@router.get(
    "/plans/{plan_id}/closure", response={200: ClosureOut, **errors(401, 404, 422)}, url_name="plan_closure"
)
def closure_get(request, plan_id: int = ID):
    """How the plan ended: result, suggestion, each goal's final reading, outcome and who checked it."""
    plan = _plan(request, plan_id)
    if plan is None or not Closure.objects.filter(plan=plan).exists():
        return answers.not_found()
    guards.log_opened(plan=plan, by=request.user, what=PLAN_READ, via=audit.Via.API)
    return _closure_out(plan)


@router.post("/plans/{plan_id}/close", response={200: ClosureOut, **WRITE}, url_name="plan_close")
def close(request, payload: CloseIn, plan_id: int = ID):
    """Final readings and the result: the one suggested from them, or another with a reason."""
    return _closing(request, plan_id, lambda plan: closing.close(
        plan=plan, by=request.user, result=payload.result, reason=payload.reason, today=timezone.localdate(),
        readings=[(r.goal, r.value) for r in payload.readings],
    ))  # fmt: skip


@router.post("/plans/{plan_id}/outcome", response={200: ClosureOut, **WRITE}, url_name="plan_outcome")
def outcome(request, payload: OutcomeIn, plan_id: int = ID):
    """What the result leads to; `extend` drafts a follow-up plan with the unmet goals."""
    return _closing(request, plan_id, lambda plan: closing.decide_outcome(
        plan=plan, by=request.user, outcome=payload.outcome, reason=payload.reason, today=timezone.localdate(),
    ))  # fmt: skip


@router.post(
    "/plans/{plan_id}/outcome/check", response={200: ClosureOut, **WRITE}, url_name="plan_outcome_check"
)
def outcome_check(request, plan_id: int = ID):
    """HR in scope checks the outcome."""
    return _closing(request, plan_id, lambda plan: closing.check_outcome(plan=plan, by=request.user))


@router.post(
    "/plans/{plan_id}/closure/acknowledge",
    response={200: ClosureOut, **WRITE},
    url_name="plan_closure_acknowledge",
)
def closure_acknowledge(request, plan_id: int = ID):
    """The employee has seen the result and the outcome."""
    return _closing(request, plan_id, lambda plan: closing.acknowledge(plan=plan, by=request.user))
