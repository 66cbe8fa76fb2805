"""What the organisation learns, over the API: HR's outcome lists and the lessons."""

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field

from perfloop import inputs
from perfloop.access import audit
from perfloop.api import answers
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, NO_NUL, errors
from perfloop.insights import lessons, outcomes, rules
from perfloop.plans import selectors
from perfloop.reviews.models import ReviewCycle

router = Router(tags=["insights"])
ID = Path(..., ge=1, le=MAX_ID)
TEXT = Field("", max_length=inputs.TEXT_LIMIT, pattern=NO_NUL)
WRITE = errors(400, 401, 403, 404, 409, 422)


class CandidateOut(Schema):
    plan_id: int = Field(alias="id")
    employee_id: int
    employee_no: str = Field(alias="employee.employee_no")
    name: str = Field(alias="employee.name")
    department: str = Field(alias="employee.department.name")
    title: str
    status: Literal["draft", "active", "closing", "closed"]
    result: Literal["met", "partly_met", "not_met"] | None
    outcome: Literal["promotion_candidate", "raise_candidate", "extend", "role_change", "none", "pending"]
    reason: str
    checked: bool

    @staticmethod
    def resolve_result(plan):
        return _closed(plan).result if _closed(plan) else None

    @staticmethod
    def resolve_outcome(plan):
        return (_closed(plan) and _closed(plan).outcome) or outcomes.PENDING

    @staticmethod
    def resolve_reason(plan):
        return _closed(plan).outcome_reason if _closed(plan) else ""

    @staticmethod
    def resolve_checked(plan):
        return bool(_closed(plan) and _closed(plan).checked_at)


def _closed(plan):
    return getattr(plan, "closure", None)


@router.get(
    "/cycles/{cycle_id}/candidates",
    response={200: list[CandidateOut], **errors(401, 403, 404, 422)},
    url_name="cycle_candidates",
)
@paginate(Pages, page_size=50)
def cycle_candidates(request, cycle_id: int = ID, outcome: outcomes.Group | None = None):
    """HR's lists for a cycle and their scope: candidates for promotion or a raise, plans extended,
    role changes, plans with no outcome yet (outcome=pending); all of them without `outcome`."""
    if not rules.can_see_outcomes(request.user):
        raise HttpError(403, _("Your role does not allow this."))
    cycle = ReviewCycle.objects.filter(pk=cycle_id).first()
    if cycle is None:
        raise HttpError(404, _("Not found."))
    request.log_page = lambda shown: outcomes.log_listed(request.user, shown, audit.Via.API)
    return outcomes.plans_of(request.user, cycle, outcome or "").select_related(
        "employee__department", "closure"
    )


# ---------------------------------------------------------------- lessons

RootCauseCode = Literal["resources", "skills", "goals", "environment", "workload", "motivation", "other"]


class LessonIn(Schema):
    plan: int = Field(ge=1, le=MAX_ID)
    title: str = Field(..., min_length=1, max_length=200, pattern=NO_NUL)
    done: str = Field(..., min_length=1, max_length=inputs.TEXT_LIMIT, pattern=NO_NUL)
    worked: str = TEXT
    root_cause: RootCauseCode | Literal[""] = ""
    indicator: str = Field("", max_length=100, pattern=NO_NUL)
    tags: str = Field("", max_length=200, pattern=NO_NUL)
    sharing: Literal["team", "department", "company"] = "team"


class LessonOut(Schema):
    id: int
    plan_id: int | None
    title: str
    done: str
    worked: str
    root_cause: str
    indicator: str
    tags: list[str] = Field(alias="tag_list")
    sharing: Literal["team", "department", "company"]
    department: str = Field(alias="department.name")
    created_at: dt.datetime


@router.get("/lessons", response={200: list[LessonOut], **errors(400, 401, 422)}, url_name="lessons")
@paginate(Pages, page_size=20)
def lesson_list(
    request,
    q: str = Query("", max_length=100, pattern=NO_NUL),
    root_cause: RootCauseCode | None = None,
    indicator: str = Query("", max_length=100, pattern=NO_NUL),
):
    """Lessons the caller may read (by sharing level and scope), newest first; `q` finds substrings
    in either language (every word given), `root_cause` and `indicator` narrow the list."""
    found = lessons.search(lessons.visible(request.user), q, root_cause or "", indicator)
    return found.select_related("department")


@router.post("/lessons", response={201: LessonOut, **WRITE}, url_name="lessons_add")
def lesson_add(request, payload: LessonIn):
    """A lesson from a closed plan, by its manager or HR in scope."""
    plan = selectors.plan_for(request.user, payload.plan)
    if plan is None:
        return answers.not_found()
    try:
        lesson = lessons.write(plan=plan, by=request.user, **payload.dict(exclude={"plan"}))
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return Status(201, lesson)
