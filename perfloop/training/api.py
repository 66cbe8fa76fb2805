"""Training needs and sessions over the API: the same lines, people, sessions and attendance as the
pages, for the same callers."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from perfloop.access.policy import hr_departments, people_q
from perfloop.api import answers
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, NO_NUL, errors
from perfloop.org.models import Employee
from perfloop.training import needs, rules, sessions
from perfloop.training.models import Enrolment, Session

router = Router(tags=["training"])
ID = Path(..., ge=1, le=MAX_ID)
WRITE = errors(400, 401, 403, 404, 409, 422)


class NeedOut(Schema):
    topic: str  # the indicator or competency; "" when the need names none
    department_id: int
    skills_gaps: int  # people whose result's root cause there is lacking skills
    requests: int  # people who asked for training in a feedback conversation
    development_goals: int  # people with a development goal there, under way
    committed: Decimal  # training budget on plans under way, not dropped
    spent: Decimal
    open: Decimal


class PersonOut(Schema):
    id: int
    employee_no: str
    name: str


class LineIn(Schema):
    topic: str = Field("", max_length=100, pattern=NO_NUL)
    department: int = Field(0, ge=0, le=MAX_ID)  # 0: nobody


def _refuse_unless_allowed(request) -> None:
    if not rules.can_read_needs(request.user):
        raise answers.forbidden_error()  # a paged answer cannot be a Status


@router.get(
    "/training/needs", response={200: list[NeedOut], **errors(401, 403, 422)}, url_name="training_needs"
)
@paginate(Pages, page_size=50)
def need_list(request):
    """The training needs of the people the caller's rights reach, busiest first."""
    _refuse_unless_allowed(request)
    return needs.kept(request.user)


@router.get(
    "/training/needs/people",
    response={200: list[PersonOut], **errors(401, 403, 422)},
    url_name="training_people",
)
@paginate(Pages, page_size=50)
def need_people(request, line: Query[LineIn]):
    """The people behind one line (`topic` "" for the needs that name no indicator)."""
    _refuse_unless_allowed(request)
    return needs.people_of(request.user, line.topic, line.department)


class SessionIn(Schema):
    course: str = Field(..., max_length=200, pattern=NO_NUL)
    provider: str = Field("", max_length=200, pattern=NO_NUL)
    topic: str = Field("", max_length=100, pattern=NO_NUL)  # the needs line's indicator or competency
    department: int | None = Field(None, ge=1, le=MAX_ID)  # the needs line's department
    starts: dt.date
    ends: dt.date
    seats: int = Field(..., ge=1, le=sessions.MOST_SEATS)
    cost: float = Field(0, ge=0, le=1e11, allow_inf_nan=False)  # a number, as plans' amounts


class SessionOut(Schema):
    id: int
    course: str
    provider: str
    topic: str
    department_id: int | None
    starts: dt.date
    ends: dt.date
    seats: int
    cost: Decimal
    enrolled: int
    attended: int


class EnrolmentOut(Schema):
    id: int
    employee_id: int
    attended: bool | None  # null: not recorded yet
    support_id: int | None  # the training budget this attendance marked as given


class EnrolIn(Schema):
    employees: list[int] = Field(..., min_length=1, max_length=500)


class AttendanceIn(Schema):
    attended: bool


def _run_sessions(request) -> None:
    if not rules.can_run_sessions(request.user):
        raise answers.forbidden_error()


@router.get(
    "/training/sessions",
    response={200: list[SessionOut], **errors(401, 403, 422)},
    url_name="training_sessions",
)
@paginate(Pages, page_size=50)
def session_list(request):
    """Training sessions, latest first (HR)."""
    _run_sessions(request)
    return Session.objects.all()


@router.post("/training/sessions", response={201: SessionOut, **WRITE}, url_name="training_session_create")
def session_create(request, payload: SessionIn):
    """Plan a session, naming the needs line it answers (`topic`, `department`) if any."""
    department = None
    if payload.department is not None:
        department = hr_departments(request.user).filter(pk=payload.department).first()
        if department is None:
            return answers.not_found()
    data = payload.dict(exclude={"department"})
    try:
        return Status(201, sessions.plan_session(by=request.user, department=department, **data))
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)


@router.get(
    "/training/sessions/{session_id}",
    response={200: SessionOut, **errors(401, 403, 404, 422)},
    url_name="training_session",
)
def session_get(request, session_id: int = ID):
    if not rules.can_run_sessions(request.user):
        return answers.forbidden()
    session = Session.objects.filter(pk=session_id).first()
    return session if session is not None else answers.not_found()


@router.get(
    "/training/sessions/{session_id}/enrolments",
    response={200: list[EnrolmentOut], **errors(401, 403, 422)},
    url_name="training_enrolments",
)
@paginate(Pages, page_size=100)
def enrolment_list(request, session_id: int = ID):
    """The people enrolled whom the caller's rights reach."""
    _run_sessions(request)
    return Enrolment.objects.filter(people_q(request.user, via="employee__"), session_id=session_id).order_by(
        "pk"
    )


@router.post(
    "/training/sessions/{session_id}/enrolments",
    response={201: list[EnrolmentOut], **WRITE},
    url_name="training_enrol",
)
def enrol(request, payload: EnrolIn, session_id: int = ID):
    """Enrol people of the caller's HR scope (those already enrolled stay): all or none, within the seats."""
    session = Session.objects.filter(pk=session_id).first()
    if session is None or not rules.can_run_sessions(request.user):
        return answers.not_found() if session is None else answers.forbidden()
    wanted = set(payload.employees)
    found = list(
        Employee.objects.filter(people_q(request.user, hr_only=True), pk__in=wanted).select_related(
            "department"
        )
    )
    if len(found) != len(wanted):
        return answers.not_found()
    try:
        return Status(201, sessions.enrol(session=session, employees=found, by=request.user))
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)


@router.put(
    "/training/enrolments/{enrolment_id}/attendance",
    response={200: EnrolmentOut, **WRITE},
    url_name="training_attendance",
)
def attendance(request, payload: AttendanceIn, enrolment_id: int = ID):
    """Attended or absent: the first attendance marks one matching training budget on the person's
    plan as given; a correction to absent opens it again."""
    enrolment = sessions.enrolment_for(request.user, enrolment_id)
    if enrolment is None:
        return answers.not_found()
    try:
        return sessions.record_attendance(enrolment=enrolment, attended=payload.attended, by=request.user)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)


@router.delete(
    "/training/enrolments/{enrolment_id}", response={204: None, **WRITE}, url_name="training_enrolment_remove"
)
def enrolment_remove(request, enrolment_id: int = ID):
    enrolment = sessions.enrolment_for(request.user, enrolment_id)
    if enrolment is None:
        return answers.not_found()
    try:
        sessions.remove(enrolment=enrolment, by=request.user)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return HttpResponse(status=204)  # no content: no body, no JSON type
