"""The feedback stage over the API: the same services and rules as the pages."""

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from perfloop.access import audit
from perfloop.access.policy import reaches, visible_employees
from perfloop.api import answers
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, NO_NUL, errors
from perfloop.feedback import coach, documents, invitations, rules, selectors, services
from perfloop.feedback.apps import RECORD_READ
from perfloop.feedback.models import RECORD_TEXTS, Appeal, FeedbackRecord
from perfloop.reviews.models import ReviewCycle

router = Router(tags=["feedback conversations"])
Status_ = FeedbackRecord.Status
TEXT = Field(None, max_length=services.TEXT_LIMIT, pattern=NO_NUL)


class RecordRow(Schema):
    id: int
    cycle_id: int
    cycle: str = Field(alias="cycle.name")
    employee_id: int
    employee_no: str = Field(alias="employee.employee_no")
    name: str = Field(alias="employee.name")
    status: Literal["planned", "held", "acknowledged", "disputed"]
    starts_at: dt.datetime | None
    cancelled: bool
    held_on: dt.date | None


class RequestOut(Schema):
    id: int
    kind: str
    text: str


class AmendmentOut(Schema):
    field: str
    old_text: str
    new_text: str
    reason: str
    by: str
    at: dt.datetime


class AppealOut(Schema):
    id: int
    record_id: int
    employee_id: int = Field(alias="record.employee_id")
    name: str = Field(alias="record.employee.name")
    cycle: str = Field(alias="record.cycle.name")
    reason: str
    status: Literal["open", "resolved"]
    outcome: str
    note: str
    opened_at: dt.datetime
    resolved_at: dt.datetime | None


class RecordOut(Schema):
    id: int
    cycle_id: int
    cycle: str
    employee_id: int
    employee_no: str
    name: str
    status: Literal["planned", "held", "acknowledged", "disputed"]
    starts_at: dt.datetime | None
    cancelled: bool
    held_on: dt.date | None
    position: str | None
    department: str
    composite: str | None
    band: str
    duration_minutes: int
    place: str
    video_link: str
    sequence: int
    opening: str
    strengths: str
    improvements: str
    employee_view: str
    agreed_direction: str
    next_steps: str
    locked: bool
    acknowledged_at: dt.datetime | None
    dispute_reason: str
    requests: list[RequestOut]
    amendments: list[AmendmentOut]
    # The preparation pack: for those holding the conversation only (null for the employee).
    goal: str | None = None
    setting: str | None = None
    talking_points: str | None = None
    materials: list[str] | None = None


class RecordIn(Schema):
    cycle: int = Field(ge=1, le=MAX_ID)
    employee: int = Field(ge=1, le=MAX_ID)


class RecordPatch(Schema):
    """Any of the record's texts, the pack, and the schedule (date and time with its offset)."""

    opening: str | None = TEXT
    strengths: str | None = TEXT
    improvements: str | None = TEXT
    employee_view: str | None = TEXT
    agreed_direction: str | None = TEXT
    next_steps: str | None = TEXT
    goal: FeedbackRecord.Goal | None = None
    setting: FeedbackRecord.Setting | None = None
    talking_points: str | None = TEXT
    starts_at: dt.datetime | None = Field(
        None, description="ISO 8601 with its offset, e.g. 2026-12-04T10:00+08:00"
    )
    minutes: int | None = Field(None, ge=10, le=480)
    place: str | None = Field(None, max_length=200, pattern=NO_NUL)
    video_link: str | None = Field(None, max_length=500, pattern=NO_NUL, description="An http(s) address.")


class HeldIn(Schema):
    held_on: dt.date


class DisputeIn(Schema):
    reason: str = Field(min_length=1, max_length=services.TEXT_LIMIT, pattern=NO_NUL)


class AmendmentIn(Schema):
    field: Literal[RECORD_TEXTS]  # type: ignore[valid-type]
    text: str = Field(max_length=services.TEXT_LIMIT, pattern=NO_NUL)
    reason: str = Field(min_length=1, max_length=2000, pattern=NO_NUL)


class ResolveIn(Schema):
    outcome: Appeal.Outcome
    note: str = Field(min_length=1, max_length=services.TEXT_LIMIT, pattern=NO_NUL)


class CoachIn(Schema):
    text: str = Field(max_length=20000, pattern=NO_NUL)
    lang: Literal["auto", "zh", "en"] = "auto"


class FindingOut(Schema):
    rule: Literal["absolute", "judgement", "vague"]
    start: int
    end: int
    message: str
    suggestion: str


class CoachOut(Schema):
    findings: list[FindingOut]


class RecordFilter(Schema):
    cycle: int | None = Field(None, ge=1, le=MAX_ID)
    employee: int | None = Field(None, ge=1, le=MAX_ID)
    status: Literal["planned", "held", "acknowledged", "disputed"] | None = None


def _body(user, record: FeedbackRecord) -> dict:
    result = record.result
    body = {
        **{
            f: getattr(record, f) for f in RecordRow.model_fields if f not in ("cycle", "employee_no", "name")
        },
        "cycle": record.cycle.name,
        "employee_no": record.employee.employee_no,
        "name": record.employee.name,
        "position": record.employee.position.name if record.employee.position_id else None,
        "department": record.employee.department.name,
        "composite": str(result.composite) if result.composite is not None else None,
        "band": result.band,
        "duration_minutes": record.duration_minutes,
        "place": record.place,
        "video_link": record.video_link,
        "sequence": record.sequence,
        "locked": record.locked,
        "acknowledged_at": record.acknowledged_at,
        "dispute_reason": record.dispute_reason,
        "requests": [{"id": r.id, "kind": r.kind, "text": r.text} for r in record.requests.all()],
        "amendments": [
            {
                "field": a.field,
                "old_text": a.old_text,
                "new_text": a.new_text,
                "reason": a.reason,
                "by": a.by.get_username(),
                "at": a.at,
            }
            for a in record.amendments.select_related("by")
        ],
        **{name: getattr(record, name) for name in RECORD_TEXTS},
    }
    holds = rules.can_see_pack(user, record)
    if not holds and record.status == Status_.PLANNED:
        body.update(dict.fromkeys(RECORD_TEXTS, ""))  # the employee reads the record once it is held
        body["requests"] = []
    if holds:
        body.update(
            goal=record.goal,
            setting=record.setting,
            talking_points=record.talking_points,
            materials=record.materials,
        )
    return body


def _opened(request, record) -> dict:
    services.log_opened(record=record, by=request.user, what=RECORD_READ, via=audit.Via.API)
    return _body(request.user, record)


def _find(request, record_id):
    return selectors.record_for(request.user, record_id)


@router.get("/feedback", response={200: list[RecordRow], **errors(401, 422)}, url_name="feedback_list")
@paginate(Pages, page_size=100)
def feedback_list(request, filters: Query[RecordFilter]):
    records = selectors.records_for(request.user, status=filters.status or "")
    if filters.cycle:
        records = records.filter(cycle_id=filters.cycle)
    if filters.employee:
        records = records.filter(employee_id=filters.employee)
    return records.select_related("employee")


@router.post(
    "/feedback", response={201: RecordOut, **errors(400, 401, 403, 404, 409, 422)}, url_name="feedback_create"
)
def feedback_create(request, payload: RecordIn):
    """Open the conversation for a person's result (one per person and cycle: a second is a 409)."""
    employee = (
        visible_employees(request.user).select_related("department").filter(pk=payload.employee).first()
    )
    cycle = ReviewCycle.objects.filter(pk=payload.cycle).first()
    if employee is None or cycle is None:
        return answers.not_found()
    if not reaches(request.user, employee):
        return answers.forbidden()
    try:
        record = services.start(cycle=cycle, employee=employee, by=request.user)
    except ValidationError as error:
        return answers.refused(error)
    return Status(201, _body(request.user, selectors.record_for(request.user, record.pk)))


@router.get("/feedback/{record_id}", response={200: RecordOut, **errors(401, 404, 422)}, url_name="feedback")
def feedback(request, record_id: int = Path(..., ge=1, le=MAX_ID)):
    record = _find(request, record_id)
    return _opened(request, record) if record else answers.not_found()


@router.patch(
    "/feedback/{record_id}",
    response={200: RecordOut, **errors(400, 401, 403, 404, 409, 422)},
    url_name="feedback_update",
)
def feedback_update(request, payload: RecordPatch, record_id: int = Path(..., ge=1, le=MAX_ID)):
    """Change the record's texts (until the employee answers; then by amendment), the pack, or the schedule."""
    record = _find(request, record_id)
    if record is None:
        return answers.not_found()
    if not rules.can_hold(request.user, record.employee):
        return answers.forbidden()
    sent = payload.dict(exclude_unset=True)
    try:
        services.change(record=record, by=request.user, **sent)
    except ValidationError as error:
        return answers.refused(error)
    return _body(request.user, _find(request, record_id))


def _act(request, record_id, action):
    record = _find(request, record_id)
    if record is None:
        return answers.not_found()
    try:
        action(record)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return _body(request.user, _find(request, record_id))


WRITE = {200: RecordOut, **errors(400, 401, 403, 404, 409, 422)}


@router.post("/feedback/{record_id}/held", response=WRITE, url_name="feedback_held")
def feedback_held(request, payload: HeldIn, record_id: int = Path(..., ge=1, le=MAX_ID)):
    return _act(
        request, record_id, lambda r: services.mark_held(record=r, by=request.user, held_on=payload.held_on)
    )


@router.post("/feedback/{record_id}/acknowledge", response=WRITE, url_name="feedback_acknowledge")
def feedback_acknowledge(request, record_id: int = Path(..., ge=1, le=MAX_ID)):
    return _act(request, record_id, lambda r: services.acknowledge(record=r, by=request.user))


@router.post("/feedback/{record_id}/dispute", response=WRITE, url_name="feedback_dispute")
def feedback_dispute(request, payload: DisputeIn, record_id: int = Path(..., ge=1, le=MAX_ID)):
    return _act(
        request, record_id, lambda r: services.dispute(record=r, by=request.user, reason=payload.reason)
    )


@router.post("/feedback/{record_id}/amendments", response=WRITE, url_name="feedback_amendments")
def feedback_amendments(request, payload: AmendmentIn, record_id: int = Path(..., ge=1, le=MAX_ID)):
    return _act(
        request,
        record_id,
        lambda r: services.amend(
            record=r, by=request.user, field=payload.field, text=payload.text, reason=payload.reason
        ),
    )


@router.get(
    "/feedback/{record_id}/invitation.ics",
    response={200: str, **errors(401, 404, 422)},
    url_name="feedback_invitation",
    openapi_extra={"responses": {200: {"content": {"text/calendar": {"schema": {"type": "string"}}}}}},
)
def feedback_invitation(request, record_id: int = Path(..., ge=1, le=MAX_ID)):
    """The meeting's iCalendar invitation (METHOD:REQUEST, or CANCEL once cancelled)."""
    record = _find(request, record_id)
    if record is None or record.starts_at is None:
        return answers.not_found()
    services.log_opened(record=record, by=request.user, what=RECORD_READ, via=audit.Via.API)
    return invitations.ics_response(record)


@router.get(
    "/feedback/{record_id}/document",
    response={200: str, **errors(401, 404, 422)},
    url_name="feedback_document",
    openapi_extra={
        "responses": {
            200: {
                "content": {
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                    documents.CONTENT_TYPES["docx"]: {"schema": {"type": "string", "format": "binary"}},
                }
            }
        }
    },
)
def feedback_document(
    request, format: Literal["docx", "pdf"] = "pdf", record_id: int = Path(..., ge=1, le=MAX_ID)
):
    """The record (绩效考核结果反馈记录表) as DOCX or PDF, in the caller's language."""
    record = _find(request, record_id)
    if record is None or not rules.can_read_document(request.user, record):
        return answers.not_found()
    services.log_opened(record=record, by=request.user, what=RECORD_READ, via=audit.Via.API)
    return documents.response(record, format)


@router.get("/appeals", response={200: list[AppealOut], **errors(401, 422)}, url_name="appeals")
@paginate(Pages, page_size=100)
def appeals(request, status: Literal["open", "resolved"] | None = None):
    """Appeals of records in the caller's HR scope (none for anyone else)."""
    request.log_page = lambda shown: services.log_listed(
        records=[a.record for a in shown], by=request.user, via=audit.Via.API
    )
    return selectors.appeals_for(request.user, status=status or "").select_related("record__employee")


@router.post(
    "/appeals/{appeal_id}/resolve",
    response={200: AppealOut, **errors(400, 401, 403, 404, 409, 422)},
    url_name="appeal_resolve",
)
def appeal_resolve(request, payload: ResolveIn, appeal_id: int = Path(..., ge=1, le=MAX_ID)):
    appeal = Appeal.objects.visible_to(request.user).select_related(
        "record__employee__department", "record__cycle"
    )
    appeal = appeal.filter(pk=appeal_id).first()
    if appeal is None:
        return answers.not_found()
    try:
        services.resolve_appeal(appeal=appeal, by=request.user, outcome=payload.outcome, note=payload.note)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return appeal


@router.post("/coach", response={200: CoachOut, **errors(400, 401, 422)}, url_name="coach")
def coach_text(request, payload: CoachIn):
    """The language coach on a text: absolutes, judgements of the person, evaluations without a fact."""
    return coach.check_dicts(payload.text, payload.lang, ui=get_language())


# The meeting and the employee's requests (诉求), as on the record's page; HR's reminder to managers.

ID = Path(..., ge=1, le=MAX_ID)


class RequestIn(Schema):
    kind: Literal["training", "resources", "goal_clarity", "workload", "career", "other"]
    text: str = Field(..., min_length=1, max_length=services.TEXT_LIMIT, pattern=NO_NUL)


class ManagersRemindedOut(Schema):
    reminded: int  # managers told
    without_manager: int  # people whose manager cannot sign in: HR holds those conversations


@router.post("/feedback/{record_id}/cancel", response=WRITE, url_name="feedback_cancel")
def feedback_cancel(request, record_id: int = ID):
    """Cancel the meeting (the invitation is withdrawn: METHOD:CANCEL)."""
    return _act(request, record_id, lambda r: services.cancel_meeting(record=r, by=request.user))


@router.post("/feedback/{record_id}/requests", response=WRITE, url_name="feedback_requests_add")
def feedback_request_add(request, payload: RequestIn, record_id: int = ID):
    """A request the employee made in the conversation (training, resources, …)."""
    return _act(
        request, record_id, lambda r: services.add_request(record=r, by=request.user, **payload.dict())
    )


@router.delete(
    "/feedback/{record_id}/requests/{request_id}", response=WRITE, url_name="feedback_request_remove"
)
def feedback_request_remove(request, record_id: int = ID, request_id: int = ID):
    return _act(
        request,
        record_id,
        lambda r: services.remove_request(record=r, by=request.user, request_id=request_id),
    )


@router.post(
    "/cycles/{cycle_id}/feedback-reminders", response={200: ManagersRemindedOut, **errors(401, 403, 404, 409, 422)},
    url_name="feedback_remind",
)  # fmt: skip
def feedback_remind(request, cycle_id: int = ID):
    """Remind the managers of the people in scope still without a conversation (cycles in feedback)."""
    from perfloop.feedback import notifications

    if not rules.can_remind_managers(request.user):
        return answers.forbidden()
    cycle = ReviewCycle.objects.filter(pk=cycle_id).first()
    if cycle is None:
        return answers.not_found()
    if cycle.status != ReviewCycle.Status.FEEDBACK:
        return Status(409, {"detail": _("Managers are reminded while the cycle is in feedback.")})
    told, nobody = notifications.remind_managers(cycle, request.user)
    return {"reminded": told, "without_manager": nobody}
