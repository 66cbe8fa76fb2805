"""Dossiers, decisions and the development path over the API: the same reads and writes as the
pages, for the same callers; every dossier opened is a private read, as on the page."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from perfloop.access import audit
from perfloop.access.models import PrivateRead
from perfloop.access.policy import hr_departments, is_self
from perfloop.api import answers
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, NO_NUL, errors
from perfloop.careers import basis, documents, dossiers, paths, rules, selectors, standing
from perfloop.careers.apps import DOSSIER_READ
from perfloop.careers.models import Dossier, Step
from perfloop.documents.downloads import CONTENT_TYPES
from perfloop.org.models import Employee, Position
from perfloop.reviews.models import ReviewCycle

router = Router(tags=["careers"])
ID = Path(..., ge=1, le=MAX_ID)
WRITE = errors(400, 401, 403, 404, 409, 422)


class DossierRow(Schema):
    id: int
    employee_id: int
    kind: str
    cycle_id: int | None
    position_id: int | None  # the new position proposed (or decided)
    department_id: int | None  # the new department proposed (or decided)
    recommendation: str  # "" until the manager recommends
    decision: str  # "" until HR decides
    effective_date: dt.date | None
    applied_at: dt.datetime | None  # when an approval became the person's role; None while it waits
    communicated_at: dt.datetime | None


class CycleBasisOut(Schema):
    cycle_id: int
    cycle: str
    composite: Decimal | None
    band: str
    strengths: list[str]
    improvement_items: list[str]
    calibrations: list[str]  # "from → to: reason"


class PlanBasisOut(Schema):
    id: int
    title: str
    kind: str
    status: str
    result: str  # the closure's result, "" while open
    outcome: str


class DossierEvidenceOut(Schema):
    date: dt.date
    kind: str
    indicator: str
    what: str
    impact: str
    self_reported: bool


class RequirementStandingOut(Schema):
    indicator: str
    level: Decimal
    score: Decimal | None  # null: the latest result does not score it
    met: bool | None


class NextStepOut(Schema):
    position: str
    needs: list[RequirementStandingOut]


class DossierOut(DossierRow):
    recommendation_text: str
    reason: str  # HR's: never shown to the person
    trend: Decimal | None  # the latest composite less the oldest shown
    cycles: list[CycleBasisOut]
    plans: list[PlanBasisOut]
    evidence: list[DossierEvidenceOut]
    lessons: list[str]
    next_steps: list[NextStepOut]


class DossierIn(Schema):
    employee: int = Field(..., ge=1, le=MAX_ID)
    kind: Literal["promotion", "transfer"]
    position: int | None = Field(None, ge=1, le=MAX_ID)
    department: int | None = Field(None, ge=1, le=MAX_ID)
    cycle: int | None = Field(None, ge=1, le=MAX_ID)


class RecommendationIn(Schema):
    recommendation: Literal["recommend", "not_yet", "against"]
    text: str = Field(..., max_length=2000, pattern=NO_NUL)


class DecisionIn(Schema):
    decision: Literal["approved", "not_now", "rejected"]
    reason: str = Field(..., max_length=2000, pattern=NO_NUL)
    effective_date: dt.date | None = None
    position: int | None = Field(None, ge=1, le=MAX_ID)
    department: int | None = Field(None, ge=1, le=MAX_ID)


class DossierFilter(Schema):
    state: Literal["open", "decided"] | None = None


class MyDecisionOut(Schema):
    id: int
    kind: str
    decision: str
    effective_date: dt.date | None
    position: str
    department: str
    communicated_at: dt.datetime


class RequirementIO(Schema):
    indicator: str = Field(..., min_length=1, max_length=100, pattern=NO_NUL)
    level: float = Field(..., ge=-1e6, le=1e6, allow_inf_nan=False)


class StepOut(Schema):
    id: int
    position_id: int
    position: str
    next_position_id: int
    next_position: str
    requirements: list[RequirementIO]


class StepIn(Schema):
    position: int = Field(..., ge=1, le=MAX_ID)
    next_position: int = Field(..., ge=1, le=MAX_ID)
    requirements: list[RequirementIO] = Field([], max_length=paths.MOST_REQUIREMENTS)


class StandingOut(Schema):
    employee_id: int
    position: str
    cycle: str  # the latest published result's cycle, "" without one
    next_steps: list[NextStepOut]


def _row(d: Dossier) -> dict:
    return {f: getattr(d, f) for f in DossierRow.model_fields}


def _steps(found: list[standing.NextStep]) -> list[dict]:
    return [
        {"position": s.position, "needs": [{"indicator": n.indicator, "level": n.level, "score": n.score, "met": n.met}
                                           for n in s.needs]}
        for s in found
    ]  # fmt: skip


def _full(d: Dossier, found: basis.Basis) -> dict:
    cycles = [
        {"cycle_id": c.result.cycle_id, "cycle": c.result.cycle.name, "composite": c.result.composite,
         "band": c.result.band, "strengths": [s["sentence"] for s in c.strengths],
         "improvement_items": [i["sentence"] for i in c.items],
         "calibrations": [f"{x.from_band or '—'} → {x.to_band}: {x.reason}" for x in c.calibrations]}
        for c in found.cycles
    ]  # fmt: skip
    plans = [
        {"id": p.id, "title": p.title, "kind": p.kind, "status": p.status,
         "result": getattr(getattr(p, "closure", None), "result", ""),
         "outcome": getattr(getattr(p, "closure", None), "outcome", "")}
        for p in found.plans
    ]  # fmt: skip
    evidence = [
        {"date": r.date, "kind": r.kind, "indicator": r.indicator.name if r.indicator_id else "", "what": r.what,
         "impact": r.impact, "self_reported": r.self_reported}
        for r in found.evidence
    ]  # fmt: skip
    return {
        **_row(d), "recommendation_text": d.recommendation_text, "reason": d.reason, "trend": found.trend,
        "cycles": cycles, "plans": plans, "evidence": evidence, "lessons": [x.title for x in found.lessons],
        "next_steps": _steps(found.steps),
    }  # fmt: skip


def _answer(request, dossier: Dossier, status: int = 200, cycles: int = basis.CYCLES):
    audit.log_reads(
        request.user, [dossier.employee_id], [DOSSIER_READ], PrivateRead.Via.API, ref=f"dossier:{dossier.pk}"
    )
    return Status(status, _full(dossier, basis.kept(dossier.employee, cycles)))


def _proposed(request, position_id: int | None, department_id: int | None):
    """(new position, new department) as named, the department within the caller's HR scope; None
    when either named is not found for them."""
    position = Position.objects.filter(pk=position_id).first() if position_id else None
    department = hr_departments(request.user).filter(pk=department_id).first() if department_id else None
    if (position_id and position is None) or (department_id and department is None):
        return None
    return position, department


def _refuse_unless_listing(request) -> None:
    if not rules.can_list(request.user):
        raise answers.forbidden_error()


@router.get("/dossiers", response={200: list[DossierRow], **errors(401, 403, 422)}, url_name="dossiers")
@paginate(Pages, page_size=50)
def dossier_list(request, filters: Query[DossierFilter]):
    """Dossiers of the people the caller's rights reach, newest first (HR in scope and managers)."""
    _refuse_unless_listing(request)
    found = selectors.dossiers_for(request.user)
    if filters.state == "open":
        found = found.filter(decision="")
    elif filters.state == "decided":
        found = found.exclude(decision="")
    return found


@router.post("/dossiers", response={201: DossierOut, **WRITE}, url_name="dossier_open")
def dossier_open(request, payload: DossierIn):
    """Open a promotion or transfer dossier for someone in the caller's HR scope."""
    employee = Employee.objects.select_related("department", "position").filter(pk=payload.employee).first()
    if employee is None or not rules.can_open(request.user, employee):
        return answers.not_found()
    proposed = _proposed(request, payload.position, payload.department)
    cycle = ReviewCycle.objects.filter(pk=payload.cycle).first() if payload.cycle else None
    if proposed is None or (payload.cycle and cycle is None):
        return answers.not_found()
    position, department = proposed
    try:
        dossier = dossiers.open_dossier(by=request.user, employee=employee, kind=payload.kind, position=position,
                                        department=department, cycle=cycle)  # fmt: skip
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return _answer(request, selectors.dossier_for(request.user, dossier.pk), 201)


@router.get("/dossiers/{dossier_id}", response={200: DossierOut, **errors(401, 404, 422)}, url_name="dossier")
def dossier_get(request, dossier_id: int = ID, cycles: int = Query(basis.CYCLES, ge=1, le=basis.MOST_CYCLES)):
    """The dossier with its basis over the last `cycles` cycles (a private read of the person's records)."""
    dossier = selectors.dossier_for(request.user, dossier_id)
    if dossier is None:
        return answers.not_found()
    return _answer(request, dossier, cycles=cycles)


def _write(request, dossier_id: int, act):
    dossier = selectors.dossier_for(request.user, dossier_id)
    if dossier is None:
        return answers.not_found()
    try:
        act(dossier)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return _answer(request, selectors.dossier_for(request.user, dossier_id))


@router.post(
    "/dossiers/{dossier_id}/recommendation", response={200: DossierOut, **WRITE}, url_name="dossier_recommend"
)
def dossier_recommend(request, payload: RecommendationIn, dossier_id: int = ID):
    """The person's manager recommends (or not), with why; until HR decides."""
    return _write(request, dossier_id, lambda d: dossiers.recommend(
        dossier=d, by=request.user, recommendation=payload.recommendation, text=payload.text))  # fmt: skip


@router.post(
    "/dossiers/{dossier_id}/decision", response={200: DossierOut, **WRITE}, url_name="dossier_decide"
)
def dossier_decide(request, payload: DecisionIn, dossier_id: int = ID):
    """HR in scope decides: an approval (with its effective date) becomes the person's new position
    or department through the organisation's records, at once."""
    proposed = _proposed(request, payload.position, payload.department)
    if proposed is None:
        return answers.not_found()
    position, department = proposed
    return _write(request, dossier_id, lambda d: dossiers.decide(
        dossier=d, by=request.user, decision=payload.decision, reason=payload.reason,
        effective_date=payload.effective_date, position=position, department=department))  # fmt: skip


@router.post(
    "/dossiers/{dossier_id}/communicated", response={200: DossierOut, **WRITE}, url_name="dossier_communicate"
)
def dossier_communicate(request, dossier_id: int = ID):
    """The decision was told to the person: from now on they see it."""
    return _write(request, dossier_id, lambda d: dossiers.communicate(dossier=d, by=request.user))


@router.get(
    "/dossiers/{dossier_id}/document",
    response={200: str, **errors(401, 404, 422)},
    url_name="dossier_document",
    openapi_extra={"responses": {200: {"content": {
        CONTENT_TYPES[kind]: {"schema": {"type": "string", "format": "binary"}} for kind in documents.DOCUMENTS
    }}}},
)  # fmt: skip
def dossier_document(request, format: Literal["docx", "pdf"] = "pdf", dossier_id: int = ID):
    """The dossier (晋升/调岗依据) as DOCX or PDF, in the caller's language."""
    dossier = selectors.dossier_for(request.user, dossier_id)
    if dossier is None:
        return answers.not_found()
    audit.log_reads(
        request.user, [dossier.employee_id], [DOSSIER_READ], PrivateRead.Via.API, ref=f"dossier:{dossier.pk}"
    )
    return documents.response(dossier, basis.kept(dossier.employee), format)


@router.get(
    "/my/career-decisions",
    response={200: list[MyDecisionOut], **errors(401, 422)},
    url_name="my_career_decisions",
)
@paginate(Pages, page_size=50)
def my_decisions(request):
    """The decisions communicated to the caller about themself (never the reason)."""
    return [
        {"id": d.pk, "kind": d.kind, "decision": d.decision, "effective_date": d.effective_date,
         "position": d.position.name if d.position else "", "department": d.department.name if d.department else "",
         "communicated_at": d.communicated_at}
        for d in selectors.communicated_to(request.user).order_by("-communicated_at")[:200]
    ]  # fmt: skip


def _step(step: Step) -> dict:
    return {
        "id": step.pk, "position_id": step.position_id, "position": step.position.name,
        "next_position_id": step.next_position_id, "next_position": step.next_position.name,
        "requirements": [{"indicator": r.indicator, "level": float(r.level)} for r in step.requirements.all()],
    }  # fmt: skip


@router.get(
    "/development-path", response={200: list[StepOut], **errors(401, 422)}, url_name="development_path"
)
@paginate(Pages, page_size=100)
def path_list(request):
    """Where each position leads, and what the next step requires."""
    found = Step.objects.select_related("position", "next_position").prefetch_related("requirements")
    return [_step(s) for s in found.order_by("position__name", "next_position__name")[:1000]]


@router.post("/development-path", response={201: StepOut, **WRITE}, url_name="development_step_set")
def path_set(request, payload: StepIn):
    """Set a step (company-wide HR or an administrator): the requirements given replace any before."""
    if not rules.can_set_paths(request.user):
        return answers.forbidden()
    position = Position.objects.filter(pk=payload.position).first()
    next_position = Position.objects.filter(pk=payload.next_position).first()
    if position is None or next_position is None:
        return answers.not_found()
    required = [
        (r.indicator.strip(), Decimal(str(r.level)).quantize(Decimal("0.01"))) for r in payload.requirements
    ]
    if len({n for n, _level in required}) != len(required) or any(not n for n, _level in required):
        return Status(400, {"detail": "Name each indicator once."})
    try:
        step = paths.set_step(
            by=request.user, position=position, next_position=next_position, requirements=required
        )
    except ValidationError as error:
        return answers.refused(error)
    return Status(201, _step(Step.objects.select_related("position", "next_position").get(pk=step.pk)))


@router.delete(
    "/development-path/{step_id}",
    response={204: None, **errors(401, 403, 404, 422)},
    url_name="development_step_remove",
)
def path_remove(request, step_id: int = ID):
    if not rules.can_set_paths(request.user):
        return answers.forbidden()
    step = Step.objects.filter(pk=step_id).first()
    if step is None:
        return answers.not_found()
    paths.remove_step(by=request.user, step=step)
    return HttpResponse(status=204)  # no content: no body, no JSON type


@router.get(
    "/employees/{employee_id}/standing",
    response={200: StandingOut, **errors(401, 404, 422)},
    url_name="employee_standing",
)
def employee_standing(request, employee_id: int = ID):
    """Where the person stands against their next steps, from their latest published result."""
    employee = Employee.objects.select_related("department", "position").filter(pk=employee_id).first()
    if employee is None or not rules.can_see_standing(request.user, employee):
        return answers.not_found()
    result = standing.latest_result(employee)
    if result is not None and not is_self(request.user, employee):
        audit.log_reads(
            request.user,
            [employee.pk],
            [PrivateRead.What.RESULT],
            PrivateRead.Via.API,
            ref=f"result:{result.pk}",
        )
    return {
        "employee_id": employee.pk, "position": employee.position.name if employee.position_id else "",
        "cycle": result.cycle.name if result else "", "next_steps": _steps(standing.standing(employee, result)),
    }  # fmt: skip
