"""The basis of a promotion or transfer decision 晋升/调岗依据, read from the loop for one person:
results and bands over the last cycles with their trend, the strengths and improvement items of
each, calibrations with their reasons, plans and their outcomes, evidence records, lessons the
person wrote, and their standing against the next step. A fixed number of queries, each bounded."""

from dataclasses import dataclass, field
from decimal import Decimal

from perfloop.careers import standing
from perfloop.insights.models import Lesson
from perfloop.plans.models import Plan
from perfloop.reviews import analysis
from perfloop.reviews.models import Calibration, EvidenceRecord, Result, ReviewCycle

CYCLES = 5  # the last N cycles by default
MOST_CYCLES = 10
MOST_PLANS = 20
MOST_EVIDENCE = 30
MOST_LESSONS = 10


@dataclass
class CycleBasis:
    result: Result
    strengths: list[dict]
    items: list[dict]
    calibrations: list[Calibration] = field(default_factory=list)


@dataclass
class Basis:
    cycles: list[CycleBasis]  # newest first
    plans: list[Plan]
    evidence: list[EvidenceRecord]
    lessons: list[Lesson]
    steps: list[standing.NextStep]

    @property
    def trend(self) -> Decimal | None:
        """The latest composite score less the oldest one shown (None below two scored cycles)."""
        scored = [c.result.composite for c in self.cycles if c.result.composite is not None]
        return scored[0] - scored[-1] if len(scored) >= 2 else None


def kept(employee, cycles: int = CYCLES) -> Basis:
    """The basis, kept per process until anything it reads changes: the figures stamp moves on
    results, calibrations, plans, evidence, indicators, lessons and the path (migrations 0002 and
    0004), the rights
    stamp on people and positions; one per language, for its sentences."""
    from django.utils import translation

    from perfloop.insights.team import stored

    key = ("dossier-basis", employee.pk, employee.position_id, cycles, translation.get_language())
    return stored.remembered(key, lambda: basis(employee, cycles))


def basis(employee, cycles: int = CYCLES) -> Basis:
    results = list(
        Result.objects.filter(employee=employee, cycle__status__in=ReviewCycle.PUBLISHED)
        .select_related("cycle", "department")
        .order_by("-cycle__end_date", "-pk")[: max(1, min(cycles, MOST_CYCLES))]
    )
    calibrations: dict[int, list] = {}
    for c in Calibration.objects.filter(result__in=results).select_related("by__employee"):
        calibrations.setdefault(c.result_id, []).append(c)
    rows = []
    for result in results:
        found, items = analysis.analyse(result.breakdown, result.department.name if result.department else "")
        rows.append(CycleBasis(result, found, items, calibrations.get(result.pk, [])))
    plans = list(
        Plan.objects.filter(employee=employee)
        .exclude(status=Plan.Status.DRAFT)
        .select_related("closure")
        .order_by("-start_date", "-pk")[:MOST_PLANS]
    )
    evidence = list(
        EvidenceRecord.objects.filter(employee=employee)
        .select_related("indicator")
        .order_by("-date", "-pk")[:MOST_EVIDENCE]
    )
    lessons = (
        list(Lesson.objects.filter(author_id=employee.user_id).order_by("-created_at")[:MOST_LESSONS])
        if employee.user_id
        else []
    )
    steps = standing.standing(employee, results[0] if results else None)
    return Basis(rows, plans, evidence, lessons, steps)
