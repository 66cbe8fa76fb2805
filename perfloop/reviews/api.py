import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Path, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate
from pydantic import BeforeValidator, Field, model_validator

from perfloop.access import audit
from perfloop.api import answers
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, NO_NUL, errors
from perfloop.home.service_calls import form_errors
from perfloop.imports.api import ANSWERS, import_file
from perfloop.imports.registry import KINDS, can_import
from perfloop.reviews import rules, selectors, services
from perfloop.reviews.breakdown import IndicatorScoreOut
from perfloop.reviews.models import Result, ReviewCycle

router = Router(tags=["review results"])


BandCode = Literal["excellent", "good", "satisfactory", "needs_improvement", "unsatisfactory"]
# A result that lacks data has no band yet: "" (待定, pending).
ResultBand = BandCode | Literal[""]
ImportKindCode = Literal["template", "results", "reviews", "evidence"]


def _iso_date(value):
    """Dates come as text (2024-01-01), as the schema says: a number is no date."""
    if not isinstance(value, str | dt.date):
        raise ValueError("a date is written as YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class CycleIn(Schema):
    name: str = Field(min_length=1, max_length=100, pattern=NO_NUL)
    kind: ReviewCycle.Kind = ReviewCycle.Kind.QUARTER
    start_date: IsoDate
    end_date: IsoDate = Field(description="Not before start_date.")

    @model_validator(mode="after")
    def ends_after_it_starts(self):
        if self.end_date < self.start_date:
            raise ValueError(_("The end date is before the start date."))
        return self


class CycleOut(Schema):
    id: int
    name: str
    kind: str
    start_date: dt.date
    end_date: dt.date
    status: str


class ResultRow(Schema):
    id: int
    employee_id: int
    employee_no: str = Field(alias="employee.employee_no")
    name: str = Field(alias="employee.name")
    composite: Decimal | None
    band: ResultBand
    complete: bool


class ResultOut(Schema):
    id: int
    employee_id: int
    employee_no: str
    name: str
    composite: Decimal | None
    band: ResultBand
    complete: bool
    cycle: str
    computed_band: ResultBand
    rule_version: str
    breakdown: list[IndicatorScoreOut]
    strengths: list[dict] = []
    improvements: list[dict] = []
    evidence: list[dict] = []
    calibrations: list[dict] | None = None


class CalibrationIn(Schema):
    band: BandCode
    reason: str = Field(min_length=1, max_length=2000, pattern=NO_NUL)


# Refusals that clash with a record's state (a name in use, a band already set) are 409s.
CONFLICTS = {"exists", "unchanged"}


def _refused(error: ValidationError):
    status = 409 if getattr(error, "code", None) in CONFLICTS else 400
    return Status(status, {"detail": " ".join(error.messages)})


@router.get("/cycles", response={200: list[CycleOut], **errors(401)}, url_name="cycles")
def cycles(request):
    return list(rules.cycles_for(request.user))


@router.post("/cycles", response={201: CycleOut, **errors(400, 401, 403, 409, 422)}, url_name="cycles_create")
def create_cycle(request, payload: CycleIn):
    try:
        cycle = services.create_cycle(**payload.dict(), by=request.user)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return _refused(error)
    return Status(201, cycle)


@router.get(
    "/cycles/{cycle_id}/results",
    response={200: list[ResultRow], **errors(400, 401, 404, 422)},
    url_name="cycle_results",
)
@paginate(Pages, page_size=100)
def cycle_results(request, cycle_id: int = Path(..., ge=1, le=MAX_ID)):
    cycle = get_object_or_404(rules.cycles_for(request.user), pk=cycle_id)
    return (
        selectors.in_cycle(Result.objects.all(), cycle)
        .visible_to(request.user)
        .select_related("employee")
        .only(*selectors.SUMMARY_FIELDS)
        .order_by("employee__employee_no")
    )


@router.get("/results/{result_id}", response={200: ResultOut, **errors(401, 404, 422)}, url_name="result")
def result(request, result_id: int = Path(..., ge=1, le=MAX_ID)):
    found = selectors.result_for(request.user, result_id)
    if found is None:
        return answers.not_found()
    body = _explained(request.user, found)
    audit.log_result_opened(request.user, found, audit.Via.API, shows_reviews="reviews" in body)
    return body


def _explained(user, found) -> dict:
    """The result page as data, holding back what this user may not see (as the page does)."""
    context = selectors.explanation(user, found)
    body = {
        "id": found.pk,
        "employee_id": found.employee_id,
        "employee_no": found.employee.employee_no,
        "name": found.employee.name,
        "composite": found.composite,
        "band": found.band,
        "complete": found.complete,
        "cycle": found.cycle.name,
        "computed_band": found.computed_band,
        "rule_version": found.rule_version,
        "breakdown": context["breakdown"],
        "strengths": [
            {"indicator_id": s["indicator_id"], "sentence": s["sentence"]} for s in context["strengths"]
        ],
        "improvements": [
            {"indicator_id": s["indicator_id"], "sentence": s["sentence"]} for s in context["improvements"]
        ],
        "evidence": [
            {
                "date": e.date.isoformat(),
                "kind": e.kind,
                "indicator": e.indicator.name if e.indicator else None,
                "what": e.what,
                "impact": e.impact,
                "source": e.source,
            }
            for e in context["evidence"]
        ],
    }
    if "calibrations" in context:
        body["calibrations"] = [
            {
                "from_band": c.from_band,
                "to_band": c.to_band,
                "reason": c.reason,
                "by": c.by.get_username(),
                "at": c.at.isoformat(),
            }
            for c in context["calibrations"]
        ]
    else:
        # The employee does not see that a band was calibrated, nor the computed band.
        body["computed_band"] = found.band
    return body


@router.post(
    "/results/{result_id}/calibration",
    response={200: ResultOut, **errors(400, 401, 403, 404, 409, 422)},
    url_name="result_calibration",
)
def calibration(request, payload: CalibrationIn, result_id: int = Path(..., ge=1, le=MAX_ID)):
    found = selectors.result_for(request.user, result_id)
    if found is None:
        return answers.not_found()
    if not rules.can_calibrate(request.user, found):
        return answers.forbidden()
    try:
        services.calibrate(result=found, band=payload.band, reason=payload.reason, by=request.user)
    except ValidationError as error:
        return _refused(error)
    return _explained(request.user, found)


@router.post("/cycles/{cycle_id}/imports/{kind}", response=ANSWERS, url_name="cycle_import")
def cycle_import(
    request,
    kind: ImportKindCode,
    file: File[UploadedFile] = None,
    cycle_id: int = Path(..., ge=1, le=MAX_ID),
    dry_run: bool = False,
):
    """Import a cycle's results, reviews or evidence (or templates); `dry_run` only checks.

    Kept as an import record, as an upload on the page is: who sent which file, and what came of it.
    """
    if not can_import(request.user, kind):
        return answers.forbidden()
    cycle = get_object_or_404(rules.cycles_for(request.user), pk=cycle_id)
    return import_file(
        request,
        kind=kind,
        file=file,
        target=cycle if KINDS[kind].target is not None else None,
        dry_run=dry_run,
    )


# A cycle's life and settings, as HR moves them on the cycle's page.


def _cycle(request, cycle_id):
    return ReviewCycle.objects.filter(pk=cycle_id).first()


class StatusChangeIn(Schema):
    to: Literal["open", "calibrating", "feedback", "closed"]
    reason: str = Field(
        "", max_length=2000, pattern=NO_NUL, description="Needed to reach feedback with results missing."
    )


class ScoredOut(Schema):
    computed: int


class CycleSettingsIO(Schema):
    """How the cycle scores: each band's lowest composite score (the last band has none), the 360°
    relations' weights, the fewest raters a relation needs before the person reads it apart, and the
    distribution guide's largest share of people per band (%)."""

    thresholds: dict[Literal["excellent", "good", "satisfactory", "needs_improvement"], float]
    relation_weights: dict[Literal["manager", "peer", "subordinate", "customer", "self"], int]
    min_raters: int
    distribution_guide: dict[BandCode, int] = {}


@router.post(
    "/cycles/{cycle_id}/status", response={200: CycleOut, **errors(400, 401, 403, 404, 409, 422)},
    url_name="cycle_status",
)  # fmt: skip
def cycle_status(request, payload: StatusChangeIn, cycle_id: int = Path(..., ge=1, le=MAX_ID)):
    """Move the cycle along draft → open → calibrating → feedback → closed (calibrating may reopen)."""
    if not rules.can_manage_cycles(request.user):
        return answers.forbidden()
    cycle = _cycle(request, cycle_id)
    if cycle is None:
        return answers.not_found()
    if payload.to not in services.ALLOWED_TRANSITIONS[cycle.status]:
        return Status(
            409,
            {
                "detail": _("A cycle that is “%(status)s” cannot move there.")
                % {"status": cycle.get_status_display()}
            },
        )
    try:
        return services.change_status(cycle=cycle, to=payload.to, by=request.user, reason=payload.reason)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return _refused(error)


@router.post(
    "/cycles/{cycle_id}/score", response={200: ScoredOut, **errors(400, 401, 403, 404, 409, 422)},
    url_name="cycle_score",
)  # fmt: skip
def cycle_score(request, cycle_id: int = Path(..., ge=1, le=MAX_ID)):
    """Compute every active employee's result (open or calibrating cycles)."""
    if not rules.can_manage_cycles(request.user):
        return answers.forbidden()
    cycle = _cycle(request, cycle_id)
    if cycle is None:
        return answers.not_found()
    try:
        return {"computed": services.score_cycle(cycle=cycle, by=request.user)}
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})


@router.get(
    "/cycles/{cycle_id}/settings", response={200: CycleSettingsIO, **errors(401, 403, 404, 422)},
    url_name="cycle_settings",
)  # fmt: skip
def cycle_settings(request, cycle_id: int = Path(..., ge=1, le=MAX_ID)):
    if not rules.can_manage_cycles(request.user):
        return answers.forbidden()
    cycle = _cycle(request, cycle_id)
    return cycle if cycle is not None else answers.not_found()


@router.put(
    "/cycles/{cycle_id}/settings", response={200: CycleSettingsIO, **errors(400, 401, 403, 404, 409, 422)},
    url_name="cycle_settings_change",
)  # fmt: skip
def cycle_settings_change(request, payload: CycleSettingsIO, cycle_id: int = Path(..., ge=1, le=MAX_ID)):
    """Change how the cycle scores; results follow on the next scoring. Checked as the page checks."""
    from perfloop.reviews.forms import CycleSettingsForm

    if not rules.can_manage_cycles(request.user):
        return answers.forbidden()
    cycle = _cycle(request, cycle_id)
    if cycle is None:
        return answers.not_found()
    data = {f"threshold_{b}": v for b, v in payload.thresholds.items()}
    data |= {f"weight_{r}": v for r, v in payload.relation_weights.items()}
    data |= {f"guide_{b}": v for b, v in payload.distribution_guide.items()}
    form = CycleSettingsForm(data | {"raters_min": payload.min_raters}, cycle=cycle)
    if not form.is_valid():
        return Status(400, {"detail": form_errors(form)})
    try:
        return services.update_settings(cycle=cycle, by=request.user, **form.settings())
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})


class RootCauseIn(Schema):
    indicator_id: int = Field(..., ge=1, le=MAX_ID)
    cause: Literal["resources", "skills", "goals", "environment", "workload", "motivation", "other"]
    note: str = Field("", max_length=2000, pattern=NO_NUL)


class RootCauseOut(Schema):
    id: int
    indicator_id: int
    cause: str
    note: str


@router.post(
    "/results/{result_id}/root-causes", response={201: RootCauseOut, **errors(400, 401, 403, 404, 422)},
    url_name="result_root_causes_add",
)  # fmt: skip
def root_cause_add(request, payload: RootCauseIn, result_id: int = Path(..., ge=1, le=MAX_ID)):
    """Tag why an indicator fell short (原因分析), by the person's manager or HR in scope."""
    found = selectors.result_for(request.user, result_id)
    if found is None:
        return answers.not_found()
    try:
        cause = services.tag_root_cause(result=found, by=request.user, **payload.dict())
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return _refused(error)
    return Status(201, cause)


@router.delete(
    "/results/{result_id}/root-causes/{cause_id}", response={204: None, **errors(401, 403, 404, 422)},
    url_name="result_root_cause_remove",
)  # fmt: skip
def root_cause_remove(
    request, result_id: int = Path(..., ge=1, le=MAX_ID), cause_id: int = Path(..., ge=1, le=MAX_ID)
):
    found = selectors.result_for(request.user, result_id)
    cause = (
        found.root_causes.select_related("result__employee__department").filter(pk=cause_id).first()
        if found
        else None
    )
    if cause is None:
        return answers.not_found()
    try:
        services.remove_root_cause(root_cause=cause, by=request.user)
    except PermissionDenied:
        return answers.forbidden()
    return HttpResponse(status=204)


# One person's data for a cycle, as on their entry page: KPI actual values (HR) and evidence
# records 事例 (HR and managers), checked by the page's own forms.


class ActualIn(Schema):
    indicator: int = Field(..., ge=1, le=MAX_ID)
    actual: float | None = Field(None, ge=-1e11, le=1e11, allow_inf_nan=False)
    target: float | None = Field(
        None, gt=0, le=1e11, allow_inf_nan=False, description="A personal target, in place of the template's."
    )
    note: str = Field("", max_length=500, pattern=NO_NUL)


class ActualsIn(Schema):
    values: list[ActualIn] = Field(..., max_length=200)


class SavedOut(Schema):
    saved: int


class EvidenceIn(Schema):
    date: dt.date
    indicator: int | None = Field(None, ge=1, le=MAX_ID)
    kind: Literal["positive", "negative"]
    what: str = Field(..., min_length=1, max_length=5000, pattern=NO_NUL)
    impact: str = Field("", max_length=5000, pattern=NO_NUL)
    source: str = Field("", max_length=200, pattern=NO_NUL)


class EvidenceOut(Schema):
    id: int
    date: dt.date
    indicator_id: int | None
    kind: str
    what: str
    impact: str
    source: str


def _entry(request, cycle_id, employee_id, may):
    """(cycle, employee, their template's indicators) when `may(user, employee)`, else the refusal:
    404 when the cycle or the person is not the caller's to see, 403 when only seen."""
    from perfloop.access import policy
    from perfloop.reviews.models import Indicator

    cycle = rules.cycles_for(request.user).filter(pk=cycle_id).first()
    employee = policy.visible_employees(request.user).filter(pk=employee_id).first()
    if cycle is None or employee is None:
        return answers.not_found()
    if not may(request.user, employee):
        return answers.forbidden()
    template_id = services.TemplateResolver().template_id(employee.position_id, employee.department_id)
    return cycle, employee, Indicator.objects.filter(template_id=template_id)


@router.put(
    "/cycles/{cycle_id}/people/{employee_id}/actuals", response={200: SavedOut, **errors(400, 401, 403, 404, 409, 422)},
    url_name="cycle_actuals",
)  # fmt: skip
def actuals(
    request,
    payload: ActualsIn,
    cycle_id: int = Path(..., ge=1, le=MAX_ID),
    employee_id: int = Path(..., ge=1, le=MAX_ID),
):
    """Enter or change the person's KPI actual values (and personal targets) while the cycle takes data."""
    from perfloop.reviews.forms import ActualsForm

    found = _entry(request, cycle_id, employee_id, rules.can_enter_actuals)
    if isinstance(found, Status):
        return found
    cycle, employee, indicators = found
    form = ActualsForm(indicators=list(indicators), current={})
    unknown = [v.indicator for v in payload.values if f"actual_{v.indicator}" not in form.fields]
    if unknown:
        return Status(
            400,
            {
                "detail": _("Not a KPI of this person's template: %(ids)s.")
                % {"ids": ", ".join(map(str, unknown))}
            },
        )
    data = {}
    for v in payload.values:
        data |= {
            f"actual_{v.indicator}": v.actual,
            f"target_{v.indicator}": v.target,
            f"note_{v.indicator}": v.note,
        }
    form = ActualsForm(
        {k: "" if x is None else str(x) for k, x in data.items()}, indicators=list(indicators), current={}
    )
    if not form.is_valid():
        return Status(400, {"detail": form_errors(form)})
    values = {k: v for k, v in form.values().items() if f"actual_{k}" in data}
    try:
        return {
            "saved": services.record_actuals(cycle=cycle, employee=employee, values=values, by=request.user)
        }
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})


@router.post(
    "/cycles/{cycle_id}/people/{employee_id}/evidence", response={201: EvidenceOut, **errors(400, 401, 403, 404, 409, 422)},
    url_name="cycle_evidence_add",
)  # fmt: skip
def evidence_add(
    request,
    payload: EvidenceIn,
    cycle_id: int = Path(..., ge=1, le=MAX_ID),
    employee_id: int = Path(..., ge=1, le=MAX_ID),
):
    """An evidence record 事例: what happened, its effect, its source, for or against an indicator."""
    from perfloop.reviews.forms import EvidenceForm

    found = _entry(request, cycle_id, employee_id, rules.can_add_evidence)
    if isinstance(found, Status):
        return found
    cycle, employee, indicators = found
    form = EvidenceForm({**payload.dict(), "indicator": payload.indicator or ""}, indicators=indicators)
    if not form.is_valid():
        return Status(400, {"detail": form_errors(form)})
    try:
        record = services.add_evidence(cycle=cycle, employee=employee, by=request.user, **form.cleaned_data)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return Status(409, {"detail": " ".join(error.messages)})
    return Status(201, record)
