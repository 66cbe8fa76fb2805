"""Business actions on review cycles: status changes, scoring, calibration, root causes."""

from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop.access import policy
from perfloop.org.models import Department, Employee
from perfloop.reviews import scoring
from perfloop.reviews.models import (
    Calibration,
    CycleTransition,
    Indicator,
    KpiActual,
    Result,
    Review360,
    ReviewCycle,
    RootCause,
    Template,
)

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


@transaction.atomic
def change_status(*, cycle: ReviewCycle, to: str, by) -> ReviewCycle:
    """Move a cycle along draft → open → calibrating → feedback → closed (calibrating may reopen)."""
    cycle = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
    if to not in ALLOWED_TRANSITIONS[cycle.status]:
        raise ValidationError(
            _("A cycle cannot go from “%(from)s” to “%(to)s”.")
            % {"from": cycle.get_status_display(), "to": Status(to).label if to in Status.values else to}
        )
    CycleTransition.objects.create(cycle=cycle, from_status=cycle.status, to_status=to, by=by)
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

    def template_id(self, position_id: int | None, department_id: int) -> int | None:
        if position_id in self.by_position:
            return self.by_position[position_id]
        if self.by_department:
            for ancestor in reversed(self.department_paths.get(department_id, "").strip("/").split("/")):
                if ancestor and int(ancestor) in self.by_department:
                    return self.by_department[int(ancestor)]
        return None


def _num(value) -> str | None:
    return None if value is None else str(value)


def explain(
    indicators: list[Indicator],
    actuals: dict[int, tuple[Decimal | None, Decimal | None]],
    ratings: dict[int, dict[str, tuple[Decimal, int]]],
    relation_weights: dict,
) -> list[dict]:
    """Each indicator's inputs, rule and score for one person: what the result page shows."""
    rows = []
    for ind in indicators:
        row = {
            "indicator_id": ind.pk,
            "name": ind.name,
            "kind": ind.kind,
            "unit": ind.unit,
            "weight": _num(ind.weight),
            "requirement": _num(ind.requirement),
        }
        score = None
        if ind.kind == Indicator.Kind.KPI:
            actual, personal_target = actuals.get(ind.pk, (None, None))
            target = personal_target if personal_target is not None else ind.target
            row.update(
                actual=_num(actual),
                target=_num(target),
                personal_target=personal_target is not None,
                direction=ind.direction,
                cap=_num(ind.cap),
                achievement=None,
            )
            if actual is not None and target is not None:
                achievement = scoring.kpi_achievement(
                    actual, target, lower_is_better=ind.direction == Indicator.Direction.LOWER, cap=ind.cap
                )
                row["achievement"] = _num(scoring.round_half_up(achievement, "0.01"))
                score = achievement
        else:
            by_relation = ratings.get(ind.pk, {})
            row["by_relation"] = {
                r: {"mean": _num(scoring.round_half_up(m, "0.01")), "count": n}
                for r, (m, n) in by_relation.items()
            }
            score = scoring.competency_score({r: m for r, (m, _n) in by_relation.items()}, relation_weights)
        row["score"] = _num(None if score is None else scoring.round_half_up(score, "0.01"))
        row["contribution"] = _num(
            None if score is None else scoring.round_half_up(ind.weight * score / scoring.HUNDRED, "0.01")
        )
        row["raw_score"] = score
        rows.append(row)
    return rows


@transaction.atomic
def score_cycle(*, cycle: ReviewCycle) -> int:
    """Compute every active employee's result in one pass and write them in bulk.

    A calibrated band is kept; its computed band is refreshed beside it.
    """
    resolver = TemplateResolver()
    indicators_by_template: dict[int, list[Indicator]] = defaultdict(list)
    for ind in Indicator.objects.order_by("template_id", "order", "pk"):
        indicators_by_template[ind.template_id].append(ind)

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

    now = timezone.now()
    results = []
    employees = Employee.objects.filter(status=Employee.Status.ACTIVE).values_list(
        "id", "position_id", "department_id"
    )
    for employee_id, position_id, department_id in employees:
        template_id = resolver.template_id(position_id, department_id)
        if template_id is None or not indicators_by_template.get(template_id):
            continue
        rows = explain(
            indicators_by_template[template_id],
            actuals.get(employee_id, {}),
            ratings.get(employee_id, {}),
            cycle.relation_weights,
        )
        total, complete = scoring.composite((Decimal(r["weight"]), r.pop("raw_score")) for r in rows)
        computed_band = scoring.band_for(total, cycle.thresholds) or ""
        results.append(
            Result(
                cycle=cycle,
                employee_id=employee_id,
                template_id=template_id,
                composite=total,
                complete=complete,
                computed_band=computed_band,
                band=calibrated.get(employee_id, computed_band),
                breakdown=rows,
                rule_version=scoring.RULE_VERSION,
                computed_at=now,
            )
        )
    Result.objects.bulk_create(
        results,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["cycle", "employee"],
        update_fields=[
            "template",
            "composite",
            "complete",
            "computed_band",
            "band",
            "breakdown",
            "rule_version",
            "computed_at",
        ],
    )
    return len(results)


@transaction.atomic
def calibrate(*, result: Result, band: str, reason: str, by) -> Calibration:
    """HR changes a band while the cycle is calibrating; the reason is kept."""
    if not policy.can_calibrate(by, result):
        raise PermissionDenied
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the change.")})
    if band not in scoring.BANDS:
        raise ValidationError({"band": _("Unknown band.")})
    if band == result.band:
        raise ValidationError({"band": _("The result already has this band.")})
    calibration = Calibration.objects.create(
        result=result, from_band=result.band, to_band=band, reason=reason, by=by
    )
    result.band = band
    result.save(update_fields=["band"])
    return calibration


def tag_root_cause(*, result: Result, indicator_id: int, cause: str, note: str, by) -> RootCause:
    if not policy.can_tag_root_causes(by, result):
        raise PermissionDenied
    if cause not in RootCause.Cause.values:
        raise ValidationError({"cause": _("Unknown root cause.")})
    if not any(r["indicator_id"] == indicator_id for r in result.breakdown):
        raise ValidationError({"indicator": _("This indicator is not part of the result.")})
    return RootCause.objects.create(
        result=result, indicator_id=indicator_id, cause=cause, note=note.strip(), by=by
    )
