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
from perfloop.insights.team import compare, figures, trends
from perfloop.insights.team import scope as team_scope
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
        raise answers.forbidden_error()
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


# ---------------------------------------------------------------- team reports


def _report_scope(request, department: int | None, level: bool):
    if not team_scope.can_read(request.user):
        raise answers.forbidden_error()
    scope = team_scope.scope_for(request.user, department, level)
    if scope is None:
        raise HttpError(404, _("Not found."))
    return scope


def _report_cycle(request, cycle: int | None):
    cycles = team_scope.report_cycles(request.user)
    found = cycles.filter(pk=cycle).first() if cycle else cycles.first()
    if found is None:
        raise HttpError(404, _("Not found."))
    return found, cycles


OPTIONAL_ID = Query(None, ge=1, le=MAX_ID)


@router.get("/reports/team", response={200: dict, **errors(401, 403, 404, 422)}, url_name="report_team")
def report_team(
    request, department: int | None = OPTIONAL_ID, cycle: int | None = OPTIONAL_ID,
    scope: Literal["subtree", "level"] = "subtree",
):  # fmt: skip
    """A department's team report for a cycle (the page's figures as codes): results, common
    problems, conversations, plans, outcomes, did it work. `hidden` says why a small group's
    figures are left out."""
    chosen = _report_scope(request, department, scope == "level")
    found, _cycles = _report_cycle(request, cycle)
    return figures.as_data(figures.report(request.user, chosen, found))


@router.get("/reports/trends", response={200: dict, **errors(401, 403, 404, 422)}, url_name="report_trends")
def report_trends(
    request, department: int | None = OPTIONAL_ID, cycle: int | None = OPTIONAL_ID,
    cycles: int = Query(4, ge=1, le=trends.MOST_CYCLES), scope: Literal["subtree", "level"] = "subtree",
):  # fmt: skip
    """A department's main figures over its last `cycles` cycles up to `cycle`, oldest first."""
    chosen = _report_scope(request, department, scope == "level")
    until, viewable = _report_cycle(request, cycle)
    found = trends.trends(request.user, chosen, trends.last_cycles(viewable, until, cycles))
    return {
        "department_id": chosen.department.pk,
        "cycles": [{**{k: r[k] for k in ("size", "hidden", "mean", "low", "held", "met")}, "cycle_id": r["cycle"].pk, "cycle": r["cycle"].name} for r in found["rows"]],
        "indicators": found["indicators"],
    }  # fmt: skip


@router.get(
    "/reports/departments", response={200: dict, **errors(401, 403, 404, 422)}, url_name="report_departments"
)
def report_departments(
    request, department: int | None = OPTIONAL_ID, cycle: int | None = OPTIONAL_ID,
    sort: Literal[compare.SORTS + tuple(f"-{s}" for s in compare.SORTS)] = "name",
):  # fmt: skip
    """HR: the departments right under `department` (the top of their scope by default) side by
    side for a cycle, and the share falling short per indicator and department."""
    if not compare.can_compare(request.user):
        raise answers.forbidden_error()
    chosen = _report_scope(request, department, False)
    if not chosen.full:
        raise HttpError(404, _("Not found."))
    found_cycle, _cycles = _report_cycle(request, cycle)
    found = compare.compare(request.user, chosen.department, found_cycle, sort)
    return {
        "cycle_id": found_cycle.pk,
        "departments": [
            {"department_id": r["department"], **{k: v for k, v in r.items() if k != "department"}}
            for r in found["rows"]
        ],
        "indicators": found["indicators"],
        "falling_short": [{"department": x, "indicator": y, "share": s} for x, y, s in found["cells"]],
    }
