"""Business actions on review cycles: status changes, scoring, calibration, root causes."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop.bulk import upsert
from perfloop.org.models import Department, Employee
from perfloop.reviews import analysis, registry, rules, scoring, totals
from perfloop.reviews.breakdown import Breakdown, IndicatorScore
from perfloop.reviews.models import (
    Calibration,
    CycleTransition,
    EvidenceRecord,
    Indicator,
    KpiActual,
    Result,
    Review360,
    ReviewCycle,
    RootCause,
    ScoredIndicator,
    Template,
)
from perfloop.reviews.selectors import completeness, people_in

Status = ReviewCycle.Status
ALLOWED_TRANSITIONS = {
    Status.DRAFT: [Status.OPEN],
    Status.OPEN: [Status.CALIBRATING],
    Status.CALIBRATING: [Status.OPEN, Status.FEEDBACK],
    Status.FEEDBACK: [Status.CLOSED],
    Status.CLOSED: [],
}
DATA_STATUSES = (Status.DRAFT, Status.OPEN)
SCORING_STATUSES = (Status.OPEN, Status.CALIBRATING)
CENT = Decimal("0.01")
# What a new KPI actual value changes, its author and time included.
ACTUAL_FIELDS = ["actual", "target", "note", "updated_by", "updated_at"]
# What a new computation rewrites in an existing result.
RESULT_FIELDS = [
    "department",
    "template",
    "composite",
    "complete",
    "computed_band",
    "band",
    "breakdown",
    "rule_version",
    "computed_at",
]


def create_cycle(*, name: str, kind: str, start_date, end_date, by) -> ReviewCycle:
    """HR starts a review cycle, as a draft; the page, the API and scripts all come here."""
    if not rules.can_manage_cycles(by):
        raise PermissionDenied
    name = name.strip()
    if end_date < start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    try:
        with transaction.atomic():
            return ReviewCycle.objects.create(
                name=name, kind=kind, start_date=start_date, end_date=end_date, created_by=by
            )
    except IntegrityError as error:  # the name is unique
        raise ValidationError(_("A review cycle with this name exists already."), code="exists") from error


def reason_required(to: str, ready: dict) -> bool:
    """Publishing (feedback) with results incomplete or missing takes a reason; `ready` is
    `selectors.completeness(cycle)`."""
    return to == Status.FEEDBACK and bool(ready["incomplete"] or ready["missing"])


@transaction.atomic
def change_status(*, cycle: ReviewCycle, to: str, by, reason: str = "") -> ReviewCycle:
    """Move a cycle along draft → open → calibrating → feedback → closed (calibrating may reopen).

    Feedback shows every employee their result: with results incomplete or missing it takes a
    reason (an override), kept in the history.
    """
    if not rules.can_manage_cycles(by):
        raise PermissionDenied
    cycle = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
    if to not in ALLOWED_TRANSITIONS[cycle.status]:
        raise ValidationError(
            _("A cycle cannot go from “%(from)s” to “%(to)s”.")
            % {"from": cycle.get_status_display(), "to": Status(to).label if to in Status.values else to}
        )
    reason = reason.strip()
    if to == Status.FEEDBACK and not reason:
        ready = completeness(cycle)
        if reason_required(to, ready):
            raise ValidationError(
                _(
                    "%(incomplete)d results are incomplete and %(missing)d people have none: "
                    "give the reason to publish the cycle anyway."
                )
                % ready
            )
    CycleTransition.objects.create(cycle=cycle, from_status=cycle.status, to_status=to, by=by, reason=reason)
    cycle.status = to
    cycle.save(update_fields=["status"])
    return cycle


class TemplateResolver:
    """Which template applies to whom: one naming the position wins, else the nearest department's."""

    def __init__(self):
        self.by_position: dict[int, int] = {}
        self.by_department: dict[int, int] = {}
        for template_id, position_id in Template.positions.through.objects.values_list(
            "template_id", "position_id"
        ):
            self.by_position.setdefault(position_id, template_id)
        for template_id, department_id in Template.departments.through.objects.values_list(
            "template_id", "department_id"
        ):
            self.by_department.setdefault(department_id, template_id)
        self.department_paths = (
            dict(Department.objects.values_list("id", "path")) if self.by_department else {}
        )
        self.by_department_cache: dict[int, int | None] = {}

    def template_id(self, position_id: int | None, department_id: int) -> int | None:
        if position_id in self.by_position:
            return self.by_position[position_id]
        if department_id not in self.by_department_cache:
            self.by_department_cache[department_id] = next(
                (
                    self.by_department[int(ancestor)]
                    for ancestor in reversed(
                        self.department_paths.get(department_id, "").strip("/").split("/")
                    )
                    if ancestor and int(ancestor) in self.by_department
                ),
                None,
            )
        return self.by_department_cache[department_id]


def _num(value) -> str | None:
    return None if value is None else str(value)


def _cents(value: Decimal) -> str:
    return str(value.quantize(CENT, rounding=ROUND_HALF_UP))


def _static_part(ind: Indicator) -> IndicatorScore:
    """What an indicator's row says whoever is scored: copied into every breakdown."""
    row = {
        "indicator_id": ind.pk,
        "name": ind.name,
        "kind": ind.kind,
        "unit": ind.unit,
        "weight": str(ind.weight),
        "requirement": _num(ind.requirement),
    }
    if ind.kind == Indicator.Kind.KPI:
        row.update(
            direction=ind.direction,
            cap=str(ind.cap),
            target=_num(ind.target),
            personal_target=False,
            actual=None,
            achievement=None,
            score=None,
        )
    return row


def explain(
    indicators: list[Indicator],
    actuals: dict[int, tuple[Decimal | None, Decimal | None]],
    ratings: dict[int, dict[str, tuple[Decimal, int]]],
    relation_weights: dict,
    static: dict[int, dict],
    kpi_memo: dict,
) -> tuple[Breakdown, list[Decimal | None]]:
    """Each indicator's inputs, rule and score for one person (what the result page shows),
    and the unrounded scores that the composite is made of.

    `static` holds each indicator's `_static_part`; `kpi_memo` carries KPI scores between
    people: the same actual and target of the same indicator always score the same, and a
    cycle repeats them a lot.
    """
    rows, scores = [], []
    for ind in indicators:
        row = dict(static[ind.pk])
        score = None
        if ind.kind == Indicator.Kind.KPI:
            actual, personal_target = actuals.get(ind.pk, (None, None))
            target = ind.target
            if personal_target is not None:
                target = personal_target
                row["target"] = str(target)
                row["personal_target"] = True
            if actual is not None:
                row["actual"] = str(actual)
            if actual is not None and target is not None:
                key = (ind.pk, actual, target)
                if key not in kpi_memo:
                    achievement = scoring.kpi_achievement(
                        actual,
                        target,
                        lower_is_better=ind.direction == Indicator.Direction.LOWER,
                        cap=ind.cap,
                    )
                    kpi_memo[key] = (
                        achievement,
                        _cents(achievement),
                        _cents(ind.weight * achievement / scoring.HUNDRED),
                    )
                score, shown, contribution = kpi_memo[key]
                # The KPI score is the achievement in percent.
                row["achievement"] = row["score"] = shown
                row["contribution"] = contribution
                rows.append(row)
                scores.append(score)
                continue
        else:
            by_relation = ratings.get(ind.pk, {})
            row["by_relation"] = {r: {"mean": _cents(m), "count": n} for r, (m, n) in by_relation.items()}
            score = scoring.competency_score({r: m for r, (m, _n) in by_relation.items()}, relation_weights)
            row["score"] = None if score is None else _cents(score)
        row["contribution"] = None if score is None else _cents(ind.weight * score / scoring.HUNDRED)
        rows.append(row)
        scores.append(score)
    return rows, scores


@dataclass
class _CycleData:
    """Everything a cycle's scoring reads, loaded with one query per table."""

    indicators_by_template: dict[int, list[Indicator]]
    static: dict[int, IndicatorScore]
    actuals: dict[int, dict[int, tuple]]
    ratings: dict[int, dict[int, dict]]
    calibrated: dict[int, str]


def _load_cycle_data(cycle: ReviewCycle) -> _CycleData:
    indicators_by_template: dict[int, list[Indicator]] = defaultdict(list)
    static = {}
    for ind in Indicator.objects.order_by("template_id", "order", "pk"):
        indicators_by_template[ind.template_id].append(ind)
        static[ind.pk] = _static_part(ind)
    actuals: dict[int, dict[int, tuple]] = defaultdict(dict)
    for employee_id, indicator_id, actual, target in KpiActual.objects.filter(cycle=cycle).values_list(
        "employee_id", "indicator_id", "actual", "target"
    ):
        actuals[employee_id][indicator_id] = (actual, target)
    ratings: dict[int, dict[int, dict]] = defaultdict(lambda: defaultdict(dict))
    for row in (
        Review360.objects.filter(cycle=cycle)
        .values("employee_id", "indicator_id", "relation")
        .annotate(mean=Avg("rating"), n=Count("id"))
        .order_by()
    ):
        ratings[row["employee_id"]][row["indicator_id"]][row["relation"]] = (
            Decimal(str(row["mean"])),
            row["n"],
        )
    calibrated = {
        e: band
        for e, band, computed in Result.objects.filter(cycle=cycle).values_list(
            "employee_id", "band", "computed_band"
        )
        if band != computed
    }
    return _CycleData(indicators_by_template, static, actuals, ratings, calibrated)


@transaction.atomic
def score_cycle(*, cycle: ReviewCycle, by=None) -> int:
    """Compute every active employee's result in one pass and write them with one bulk upsert,
    while the cycle is open or calibrating. `by` is the HR user asking (None: an operator's
    command or the demo).

    A calibrated band is kept; its computed band is refreshed beside it.
    """
    if by is not None and not rules.can_manage_cycles(by):
        raise PermissionDenied
    if cycle.status not in SCORING_STATUSES:
        raise ValidationError(_("Results are computed while the cycle is open or calibrating."))
    for before in registry.BEFORE_SCORING:
        before(cycle)
    resolver = TemplateResolver()
    data = _load_cycle_data(cycle)
    now = timezone.now()
    rows = []
    kpi_memo: dict = {}
    employees = people_in(cycle).values_list("id", "position_id", "department_id")
    department_of: dict[int, int] = {}
    for employee_id, position_id, department_id in employees:
        template_id = resolver.template_id(position_id, department_id)
        indicators = data.indicators_by_template.get(template_id)
        if not indicators:
            continue
        department_of[employee_id] = department_id
        breakdown, scores = explain(
            indicators,
            data.actuals.get(employee_id, {}),
            data.ratings.get(employee_id, {}),
            cycle.relation_weights,
            data.static,
            kpi_memo,
        )
        total, complete = scoring.composite(zip((i.weight for i in indicators), scores, strict=True))
        # An incomplete result has no band (待定): a band over part of the weight would mislead.
        computed_band = (scoring.band_for(total, cycle.thresholds) or "") if complete else ""
        rows.append(
            {
                "cycle": cycle.pk,
                "employee": employee_id,
                "department": department_id,
                "template": template_id,
                "composite": total,
                "complete": complete,
                "computed_band": computed_band,
                "band": data.calibrated.get(employee_id, computed_band) if complete else "",
                "breakdown": breakdown,
                "rule_version": scoring.RULE_VERSION,
                "computed_at": now,
            }
        )
    _mark_top_quarters(rows, department_of)
    upsert(Result, rows, unique=["cycle", "employee"], update=RESULT_FIELDS)
    _write_scored_indicators(cycle, rows, now)
    totals.count_indicators(cycle)
    totals.recount(cycle)
    return len(rows)


def _write_scored_indicators(cycle: ReviewCycle, rows: list[dict], now) -> None:
    """Each scored indicator of the results just written as a row, for the team's aggregates;
    results not scored again (people who have left) keep theirs."""
    ScoredIndicator.objects.filter(result__cycle=cycle, result__computed_at=now).delete()
    result_of = dict(Result.objects.filter(cycle=cycle, computed_at=now).values_list("employee_id", "id"))
    upsert(
        ScoredIndicator,
        [
            {
                "result": result_of[row["employee"]],
                "name": item["name"],
                "short": analysis.falls_short(item),
                "score": Decimal(item["score"]),
                "gap": analysis.gap(item),
            }
            for row in rows
            for item in row["breakdown"]
            if item["score"] is not None
        ],
        unique=["result", "name"],
        update=["short", "score", "gap"],
    )


def _mark_top_quarters(rows: list[dict], department_of: dict[int, int]) -> None:
    """Mark each score that is among the top quarter of its indicator in the person's department
    (a strength, as the guide says), once here rather than on every result page."""
    scored = [
        ((department_of[row["employee"]], item["indicator_id"]), item, Decimal(item["score"]))
        for row in rows
        for item in row["breakdown"]
        if item["score"] is not None
    ]
    scores: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for key, _item, score in scored:
        scores[key].append(score)
    cuts = {key: analysis.top_quarter_cut(values) for key, values in scores.items()}
    for key, item, score in scored:
        item["top_quarter"] = cuts[key] is not None and score >= cuts[key]


@transaction.atomic
def calibrate(*, result: Result, band: str, reason: str, by) -> Calibration:
    """HR changes a band while the cycle is calibrating; the reason is kept."""
    if not rules.can_calibrate(by, result):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the change.")})
    if band not in scoring.BANDS:
        raise ValidationError({"band": _("Unknown band.")})
    if not result.complete:
        raise ValidationError(
            {"band": _("The result is incomplete: enter its missing data before calibrating.")}
        )
    # The band is read again under a row lock: two HR users calibrating at once each record
    # the band the other left, never a stale "from".
    locked = Result.objects.select_for_update().get(pk=result.pk)
    if band == locked.band:  # a conflict with the result's state, not a malformed request
        raise ValidationError(_("The result already has this band."), code="unchanged")
    calibration = Calibration.objects.create(
        result=locked, from_band=locked.band, to_band=band, reason=reason, by=by
    )
    locked.band = result.band = band
    locked.save(update_fields=["band"])
    totals.invalidate(locked.cycle_id)
    return calibration


def tag_root_cause(*, result: Result, indicator_id: int, cause: str, note: str, by) -> RootCause:
    if not rules.can_tag_root_causes(by, result):
        raise PermissionDenied
    if cause not in RootCause.Cause.values:
        raise ValidationError({"cause": _("Unknown root cause.")})
    item = next((r for r in result.breakdown if r["indicator_id"] == indicator_id), None)
    if item is None:
        raise ValidationError({"indicator": _("This indicator is not part of the result.")})
    # A root cause explains a shortfall (改进项): an indicator that met its target has none.
    if not analysis.falls_short(item):
        raise ValidationError(
            {"indicator": _("This indicator met its target; root causes are for shortfalls.")}
        )
    totals.invalidate(result.cycle_id)
    return RootCause.objects.create(
        result=result, indicator_id=indicator_id, cause=cause, note=note.strip(), by=by
    )


def remove_root_cause(*, root_cause: RootCause, by) -> None:
    """A root cause tagged by mistake is removed by whoever may tag the result's root causes."""
    if not rules.can_tag_root_causes(by, root_cause.result):
        raise PermissionDenied
    totals.invalidate(root_cause.result.cycle_id)
    root_cause.delete()


def _require_data_open(cycle: ReviewCycle) -> None:
    if cycle.status not in DATA_STATUSES:
        raise ValidationError(_("Data can be entered while the cycle is draft or open."))


@transaction.atomic
def record_actuals(*, cycle: ReviewCycle, employee: Employee, values: dict[int, dict], by) -> int:
    """Enter or change KPI actual values (and personal targets) of one person; returns how many were saved."""
    if not rules.can_enter_actuals(by, employee):
        raise PermissionDenied
    _require_data_open(cycle)
    now = timezone.now()
    rows = [
        {
            "cycle": cycle.pk,
            "employee": employee.pk,
            "indicator": indicator_id,
            "actual": v["actual"],
            "target": v["target"],
            "note": v["note"],
            "updated_by": by.pk,
            "updated_at": now,
        }
        for indicator_id, v in values.items()
        if v["actual"] is not None or v["target"] is not None
    ]
    upsert(KpiActual, rows, unique=["cycle", "employee", "indicator"], update=ACTUAL_FIELDS)
    return len(rows)


def write_ratings(rows: list[dict], source: str) -> None:
    """360 ratings (rows of cycle, employee, reviewer, indicator, relation, rating, comment) in one
    bulk upsert, from an import or a round: the same reviewer and indicator is one row, the later
    source winning."""
    now = timezone.now()
    upsert(
        Review360,
        [{**r, "source": source, "updated_at": now} for r in rows],
        unique=["cycle", "employee", "reviewer", "indicator"],
        update=["relation", "rating", "comment", "source", "updated_at"],
    )


def record_online_ratings(*, cycle: ReviewCycle, ratings: list[dict], evidence: list[dict]) -> int:
    """Ratings collected online (rows of employee, reviewer, indicator, relation, rating, comment),
    counted by scoring exactly as imported ones. `evidence` are the self-assessments' achievements,
    kept as self-reported evidence records. Called by the online rounds as one closes, in its
    transaction."""
    if cycle.status not in (*DATA_STATUSES, Status.CALIBRATING):
        raise ValidationError(_("Ratings count while the cycle is open or calibrating."), code="conflict")
    write_ratings([{**r, "cycle": cycle.pk} for r in ratings], Review360.Source.ONLINE)
    EvidenceRecord.objects.bulk_create(
        [EvidenceRecord(cycle=cycle, self_reported=True, **e) for e in evidence], batch_size=2000
    )
    return len(ratings)


def add_evidence(*, cycle: ReviewCycle, employee: Employee, by, **fields) -> EvidenceRecord:
    if not rules.can_add_evidence(by, employee):
        raise PermissionDenied
    _require_data_open(cycle)
    return EvidenceRecord.objects.create(cycle=cycle, employee=employee, created_by=by, **fields)


SETTINGS_STATUSES = (Status.DRAFT, Status.OPEN, Status.CALIBRATING)


def update_settings(
    *,
    cycle: ReviewCycle,
    thresholds: dict,
    relation_weights: dict,
    distribution_guide: dict,
    by,
    min_raters: int | None = None,
):
    """Change how a cycle scores and what its distribution guide says; results follow on the next scoring."""
    if not rules.can_manage_cycles(by):
        raise PermissionDenied
    if cycle.status not in SETTINGS_STATUSES:
        raise ValidationError(_("The settings of a cycle in feedback or closed cannot change."))
    cycle.thresholds, cycle.relation_weights, cycle.distribution_guide = (
        thresholds,
        relation_weights,
        distribution_guide,
    )
    if min_raters is not None:
        cycle.min_raters = min_raters
    cycle.save(update_fields=["thresholds", "relation_weights", "distribution_guide", "min_raters"])
    return cycle
