import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from perfloop.access import audit, policy
from perfloop.api.pagination import Pages
from perfloop.api.schemas import ErrorOut
from perfloop.documents.bounds import BoundExceeded, check_size
from perfloop.imports import services as import_services
from perfloop.imports.models import Import
from perfloop.imports.registry import KINDS
from perfloop.reviews import selectors, services
from perfloop.reviews.models import ReviewCycle

router = Router(tags=["review results"])


class CycleIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    kind: ReviewCycle.Kind = ReviewCycle.Kind.QUARTER
    start_date: dt.date
    end_date: dt.date


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
    band: str
    complete: bool


class ResultOut(Schema):
    id: int
    employee_id: int
    employee_no: str
    name: str
    composite: Decimal | None
    band: str
    complete: bool
    cycle: str
    computed_band: str
    rule_version: str
    breakdown: list[dict]
    strengths: list[dict] = []
    improvements: list[dict] = []
    evidence: list[dict] = []
    calibrations: list[dict] | None = None


class CalibrationIn(Schema):
    band: str
    reason: str = Field(min_length=1, max_length=2000)


class ImportOut(Schema):
    id: int
    ok: bool
    applied: bool
    rows: int
    to_create: int
    to_update: int
    unchanged: int
    errors: list[dict]


def _forbidden():
    return Status(403, {"detail": _("Your role does not allow this.")})


@router.get("/cycles", response=list[CycleOut], url_name="cycles")
def cycles(request):
    return list(selectors.cycles_for(request.user))


@router.post("/cycles", response={201: CycleOut, 400: ErrorOut, 403: ErrorOut}, url_name="cycles_create")
def create_cycle(request, payload: CycleIn):
    if not policy.can_manage_cycles(request.user):
        return _forbidden()
    if payload.end_date < payload.start_date:
        return Status(400, {"detail": _("The end date is before the start date.")})
    try:
        with transaction.atomic():
            cycle = ReviewCycle.objects.create(**payload.dict(), created_by=request.user)
    except IntegrityError:
        return Status(400, {"detail": _("A review cycle with this name exists already.")})
    return Status(201, cycle)


@router.get("/cycles/{cycle_id}/results", response=list[ResultRow], url_name="cycle_results")
@paginate(Pages, page_size=100)
def cycle_results(request, cycle_id: int):
    cycle = get_object_or_404(selectors.cycles_for(request.user), pk=cycle_id)
    return (
        policy.visible_results(request.user, cycle)
        .select_related("employee")
        .order_by("employee__employee_no")
    )


@router.get("/results/{result_id}", response={200: ResultOut, 404: ErrorOut}, url_name="result")
def result(request, result_id: int):
    found = selectors.result_for(request.user, result_id)
    if found is None:
        return Status(404, {"detail": _("Not found.")})
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
    response={200: ResultOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    url_name="result_calibration",
)
def calibration(request, result_id: int, payload: CalibrationIn):
    found = selectors.result_for(request.user, result_id)
    if found is None:
        return Status(404, {"detail": _("Not found.")})
    if not policy.can_calibrate(request.user, found):
        return _forbidden()
    try:
        services.calibrate(result=found, band=payload.band, reason=payload.reason, by=request.user)
    except ValidationError as error:
        return Status(400, {"detail": " ".join(error.messages)})
    return _explained(request.user, found)


@router.post(
    "/cycles/{cycle_id}/imports/{kind}",
    response={200: ImportOut, 400: ImportOut, 403: ErrorOut, 404: ErrorOut, 413: ErrorOut},
    url_name="cycle_import",
)
def cycle_import(request, cycle_id: int, kind: str, file: File[UploadedFile], dry_run: bool = False):
    """Import a cycle's results, reviews or evidence (or templates); `dry_run` only checks.

    Kept as an import record, as an upload on the page is: who sent which file, and what came of it.
    """
    if kind not in KINDS or kind == "org":
        return Status(404, {"detail": _("Unknown kind of import.")})
    if not policy.can_import(request.user, kind):
        return _forbidden()
    cycle = get_object_or_404(selectors.cycles_for(request.user), pk=cycle_id)
    try:
        check_size(file.size)  # before reading the upload into memory
    except BoundExceeded as exc:
        return Status(413, {"detail": str(exc)})
    record = import_services.upload(
        kind=kind, filename=file.name or "upload", content=file.read(), user=request.user, cycle=cycle
    )
    if not dry_run and record.summary["ok"]:
        record = import_services.apply(pk=record.pk, user=request.user)
    body = {
        **record.summary,
        "id": record.pk,
        "applied": record.status == Import.Status.APPLIED,
    }
    return Status(200 if body["ok"] else 400, body)
