"""Online reviews over the API: the forms a user owes, saving and submitting them, nominations and
their decisions, a round's progress — the same services and rules as the pages."""

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Path, Query, Router, Schema, Status
from pydantic import Field

from perfloop.access.audit import log_reads
from perfloop.access.policy import is_self, roles_for
from perfloop.api import answers
from perfloop.api.schemas import MAX_ID, NO_NUL, errors
from perfloop.home.service_calls import form_errors
from perfloop.org.models import Employee
from perfloop.rounds import rules, selectors, services
from perfloop.rounds.apps import FORM_READ
from perfloop.rounds.models import Nomination

router = Router(tags=["online reviews"])
ID = Path(..., ge=1, le=MAX_ID)
WRITE = errors(400, 401, 403, 404, 409, 422)
READ = errors(401, 404, 422)


class ReviewAnswerIn(Schema):
    indicator: int = Field(ge=1, le=MAX_ID)
    rating: int | None = Field(None, ge=1, le=5)
    comment: str = Field("", max_length=2000, pattern=NO_NUL)


class ReviewAchievementIn(Schema):
    what: str = Field(..., min_length=1, max_length=1000, pattern=NO_NUL)
    impact: str = Field("", max_length=1000, pattern=NO_NUL)
    date: dt.date


class ReviewRequestIn(Schema):
    kind: Literal["training", "resources", "goal_clarity", "workload", "career", "other"] = "other"
    text: str = Field(..., min_length=1, max_length=1000, pattern=NO_NUL)


class ReviewFormIn(Schema):
    answers: list[ReviewAnswerIn] = Field([], max_length=60)
    overall: str = Field("", max_length=4000, pattern=NO_NUL)
    achievements: list[ReviewAchievementIn] = Field([], max_length=services.MAX_ACHIEVEMENTS)
    difficulties: str = Field("", max_length=4000, pattern=NO_NUL)
    requests: list[ReviewRequestIn] = Field([], max_length=services.MAX_REQUESTS)
    submit: bool = False


class ReviewAnswerOut(Schema):
    indicator: int
    name: str
    rating: int | None
    comment: str


class ReviewFormHead(Schema):
    """Whose form it is, in which round, how far."""

    id: int
    round_id: int
    cycle: str
    employee_id: int
    employee_name: str
    relation: str
    status: Literal["open", "draft", "submitted"]
    deadline: dt.date


class ReviewFormOut(ReviewFormHead):
    answers: list[ReviewAnswerOut]
    overall: str
    achievements: list[dict]
    difficulties: str
    requests: list[dict]


class ReviewOwedOut(ReviewFormHead):
    answered: int
    competencies: int
    late: bool


def _head(form) -> dict:
    return {
        "id": form.pk, "round_id": form.round_id, "cycle": form.round.cycle.name, "employee_id": form.employee_id,
        "employee_name": form.employee.name, "relation": form.relation, "status": form.status,
        "deadline": form.round.deadline,
    }  # fmt: skip


def _form_out(form) -> dict:
    return {
        **_head(form), "overall": form.overall, "achievements": form.achievements,
        "difficulties": form.difficulties, "requests": form.requests,
        "answers": [
            {"indicator": i["indicator"].pk, "name": i["indicator"].name, "rating": i["rating"], "comment": i["comment"]}
            for i in selectors.form_page(form)
        ],
    }  # fmt: skip


@router.get("/reviews/owed", response={200: list[ReviewOwedOut], **errors(401, 422)}, url_name="reviews_owed")
def owed(request, page: int = Query(1, ge=1, le=10_000)):
    """The reviews the caller owes in open rounds (and those submitted), the nearest deadline first;
    50 a page."""
    rows, _more = selectors.inbox(request.user, page=page)
    return [
        {**_head(r["form"]), "answered": r["form"].answered, "competencies": r["total"], "late": r["late"]}
        for r in rows
    ]  # fmt: skip


@router.get("/reviews/forms/{form_id}", response={200: ReviewFormOut, **READ}, url_name="review_form")
def form_get(request, form_id: int = ID):
    """A form: the reviewer's own, or (a private read, logged) one HR in scope may read."""
    form = selectors.form_for(request.user, form_id)
    if form is None:
        return answers.not_found()
    if not rules.is_reviewer(request.user, form):
        log_reads(request.user, [form.employee_id], [FORM_READ], via="api", ref=str(form.pk))
    return _form_out(form)


@router.put("/reviews/forms/{form_id}", response={200: ReviewFormOut, **WRITE}, url_name="review_form_save")
def form_save(request, payload: ReviewFormIn, form_id: int = ID):
    """Save what the reviewer wrote (answers not sent are left empty), or submit it with `submit`:
    once, with every competency rated."""
    form = selectors.form_for(request.user, form_id)
    if form is None:
        return answers.not_found()
    data = {
        "answers": {str(a.indicator): {"rating": a.rating, "comment": a.comment} for a in payload.answers},
        "overall": payload.overall, "difficulties": payload.difficulties,
        "achievements": [{**a.dict(), "date": a.date.isoformat()} for a in payload.achievements],
        "requests": [r.dict() for r in payload.requests],
    }  # fmt: skip
    try:
        services.save(form=form, data=data, by=request.user, submit=payload.submit)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return _form_out(form)


class RoundProgressRowOut(Schema):
    id: int
    name: str
    total: int
    submitted: int
    open: int
    late: int


class RoundProgressOut(Schema):
    total: int
    submitted: int
    open: int
    late: bool
    rows: list[RoundProgressRowOut]
    more: bool


@router.get(
    "/rounds/{round_id}/progress",
    response={200: RoundProgressOut, **errors(401, 403, 404, 422)},
    url_name="round_progress",
)
def progress(
    request, round_id: int = ID, by: Literal["department", "reviewer", "person"] = "department",
    page: int = Query(1, ge=1, le=10_000),
):  # fmt: skip
    """Completion of a round for the caller's reach (HR's scope, a manager's line), by department,
    reviewer or person reviewed; 50 rows a page."""
    if not rules.can_follow(request.user):
        return answers.forbidden()
    round = selectors.round_for(request.user, round_id)
    if round is None:
        return answers.not_found()
    found = selectors.progress(request.user, round, section=by, page=page)
    return {**found["overall"], "late": found["late"], "rows": found["rows"], "more": found["more"]}


class RoundNominationIn(Schema):
    employee: int = Field(ge=1, le=MAX_ID)
    reviewer: int = Field(ge=1, le=MAX_ID)
    relation: Literal["peer", "customer"] = "peer"


class RoundNominationOut(Schema):
    id: int
    employee_id: int
    reviewer_id: int
    reviewer_name: str
    relation: str
    status: Literal["proposed", "approved", "removed"]


def _nomination(n: Nomination) -> dict:
    return {
        "id": n.pk, "employee_id": n.employee_id, "reviewer_id": n.reviewer_id, "reviewer_name": n.reviewer.name,
        "relation": n.relation, "status": n.status,
    }  # fmt: skip


@router.get(
    "/rounds/{round_id}/nominations",
    response={200: list[RoundNominationOut], **READ},
    url_name="round_nominations",
)
def nominations(request, round_id: int = ID, employee: int | None = Query(None, ge=1, le=MAX_ID)):
    """The reviewers named for someone: one's own proposals (all of them when the round is
    attributed), or everyone's for a person one decides for."""
    round = selectors.round_for(request.user, round_id)
    person = Employee.objects.filter(pk=employee).first() if employee else roles_for(request.user).employee
    if round is None or person is None:
        return answers.not_found()
    own = is_self(request.user, person)
    if not own and not rules.can_decide(request.user, person):
        return answers.not_found()
    found = selectors.nominations_of(round, person)
    if own and round.confidential:
        found = [n for n in found if n.proposed_by_id == request.user.pk]
    return [_nomination(n) for n in found]


@router.post(
    "/rounds/{round_id}/nominations", response={201: RoundNominationOut, **WRITE}, url_name="round_nominate"
)
def nominate(request, payload: RoundNominationIn, round_id: int = ID):
    """Propose a reviewer for oneself, or (a manager or HR) add one, approved at once."""
    round = selectors.round_for(request.user, round_id)
    employee = Employee.objects.select_related("department").filter(pk=payload.employee).first()
    reviewer = Employee.objects.filter(pk=payload.reviewer).first()
    if round is None or employee is None or reviewer is None:
        return answers.not_found()
    try:
        found = services.nominate(
            round=round, employee=employee, reviewer=reviewer, by=request.user, relation=payload.relation
        )
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return Status(201, _nomination(found))


class NominationDecisionIn(Schema):
    decision: Literal["approve", "remove"]


@router.post(
    "/nominations/{nomination_id}/decision",
    response={200: RoundNominationOut, **WRITE},
    url_name="nomination_decide",
)
def decide(request, payload: NominationDecisionIn, nomination_id: int = ID):
    """Approve a proposed reviewer or remove one (their form goes, unless submitted)."""
    nomination = (
        Nomination.objects.select_related("round", "employee", "reviewer").filter(pk=nomination_id).first()
    )
    if nomination is None or not rules.can_decide(request.user, nomination.employee):
        return answers.not_found()
    try:
        services.decide(nomination=nomination, approve=payload.decision == "approve", by=request.user)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return _nomination(nomination)


class ClosedOut(Schema):
    counted: int  # submitted ratings that now count in the cycle's scoring


class RemindedOut(Schema):
    notified: int


class ReopenIn(Schema):
    reason: str = Field(..., min_length=1, max_length=1000, pattern=NO_NUL)


def _run_round(request, round_id):
    """The round, for HR who may run rounds (None: not found for them)."""
    return selectors.round_for(request.user, round_id) if rules.can_run_rounds(request.user) else None


@router.post("/rounds/{round_id}/close", response={200: ClosedOut, **WRITE}, url_name="round_close")
def round_close(request, round_id: int = ID):
    """Close the round: its submitted ratings go to the cycle's scoring."""
    round = _run_round(request, round_id)
    if round is None:
        return answers.not_found()
    try:
        return {"counted": services.close(round=round, by=request.user)}
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})


@router.post("/rounds/{round_id}/remind", response={200: RemindedOut, **WRITE}, url_name="round_remind")
def round_remind(request, round_id: int = ID):
    """Remind every reviewer who has not submitted (a reviewer's notice never names the person)."""
    from django.utils.translation import gettext as _

    from perfloop.rounds import notifications

    round = _run_round(request, round_id)
    if round is None:
        return answers.not_found()
    if not rules.can_oversee(request.user, round):
        return answers.forbidden()
    if not round.is_open:
        return Status(409, {"detail": _("The review round is closed.")})
    return {"notified": notifications.remind(round, request.user)}


@router.post(
    "/reviews/forms/{form_id}/reopen", response={200: ReviewFormOut, **WRITE}, url_name="review_form_reopen"
)
def form_reopen(request, payload: ReopenIn, form_id: int = ID):
    """Give a submitted review back to its reviewer, with the reason they read."""
    form = selectors.form_for(request.user, form_id)
    if form is None or not rules.can_reopen(request.user, form):
        return answers.not_found()
    try:
        services.reopen(form=form, reason=payload.reason, by=request.user)
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return _form_out(form)


class RoundIn(Schema):
    cycle: int = Field(..., ge=1, le=MAX_ID)
    department: int | None = Field(None, ge=1, le=MAX_ID, description="Empty: the whole organisation.")
    relations: list[Literal["self", "manager", "peer", "subordinate", "customer"]] = Field(..., min_length=1)
    opens_on: dt.date
    deadline: dt.date
    peers_min: int = 3
    peers_max: int = 6
    nominated_by: Literal["employee", "manager"] = "employee"
    reviewer_cap: int = 8
    privacy: Literal["confidential", "attributed"] = "confidential"


class RoundOut(Schema):
    id: int
    cycle_id: int
    department_id: int | None
    opens_on: dt.date
    deadline: dt.date
    status: str
    forms: int  # written at once, from the reporting line


@router.post("/rounds", response={201: RoundOut, **WRITE}, url_name="rounds_open")
def round_open(request, payload: RoundIn):
    """Open a review round on a draft or open cycle (HR, over the people of their scope), checked as
    the page checks; the forms that follow the reporting line are written at once."""
    from django.utils.translation import gettext as _

    from perfloop.rounds.forms import round_form

    if not rules.can_run_rounds(request.user):
        return answers.forbidden()
    data = {**payload.dict(), "department": payload.department or ""}
    form = round_form(request.user, data)
    if not form.is_valid():
        return Status(400, {"detail": form_errors(form)})
    try:
        round = services.open_round(by=request.user, **form.cleaned_data)
    except PermissionDenied:
        return Status(403, {"detail": _("Your HR scope does not cover these people.")})
    except ValidationError as error:
        return answers.refused(error)
    body = {
        f: getattr(round, f) for f in ("id", "cycle_id", "department_id", "opens_on", "deadline", "status")
    }
    return Status(201, {**body, "forms": round.forms.count()})
