"""A person's review data for their data export: results, KPI values, 360° ratings received (by
relation and indicator, never who gave them) and given, evidence. For the person themself, only
the cycles published to them."""

from django.db.models import Avg, Count

from perfloop.access.personal_data import Section
from perfloop.reviews.models import EvidenceRecord, KpiActual, Result, Review360, ReviewCycle


def _cycles(employee, for_self: bool):
    cycles = ReviewCycle.objects.all()
    return cycles.published() if for_self else cycles


def results(employee, for_self: bool) -> list[dict]:
    found = Result.objects.filter(employee=employee, cycle__in=_cycles(employee, for_self)).select_related(
        "cycle"
    )
    return [
        {"cycle": r.cycle.name, "composite": r.composite, "band": r.get_band_display(), "complete": r.complete,
         "breakdown": r.breakdown}
        for r in found.order_by("cycle__start_date")
    ]  # fmt: skip


def kpi_values(employee, for_self: bool) -> list[dict]:
    found = KpiActual.objects.filter(employee=employee, cycle__in=_cycles(employee, for_self))
    return [
        {"cycle": a.cycle.name, "indicator": a.indicator.name, "actual": a.actual, "personal_target": a.target,
         "note": a.note}
        for a in found.select_related("cycle", "indicator").order_by("cycle__start_date", "indicator__name")
    ]  # fmt: skip


def ratings_received(employee, for_self: bool) -> list[dict]:
    found = (
        Review360.objects.filter(employee=employee, cycle__in=_cycles(employee, for_self))
        .values("cycle__name", "relation", "indicator__name")
        .annotate(raters=Count("reviewer", distinct=True), mean=Avg("rating"))
        .order_by("cycle__name", "relation", "indicator__name")
    )
    return [
        {"cycle": r["cycle__name"], "relation": r["relation"], "indicator": r["indicator__name"],
         "raters": r["raters"], "mean_rating": round(r["mean"], 2)}
        for r in found
    ]  # fmt: skip


def ratings_given(employee, for_self: bool) -> list[dict]:
    found = Review360.objects.filter(reviewer=employee).select_related("cycle", "employee", "indicator")
    return [
        {"cycle": r.cycle.name, "rated": r.employee.name, "relation": r.relation, "indicator": r.indicator.name,
         "rating": r.rating, "comment": r.comment}
        for r in found.order_by("cycle__start_date", "employee__employee_no")
    ]  # fmt: skip


def evidence(employee, for_self: bool) -> list[dict]:
    found = EvidenceRecord.objects.filter(employee=employee, cycle__in=_cycles(employee, for_self))
    return [
        {"cycle": e.cycle.name, "date": e.date, "kind": e.kind, "what": e.what, "impact": e.impact, "source": e.source}
        for e in found.select_related("cycle")
    ]  # fmt: skip


# What a person's data export holds of this app.
SECTIONS = (
    Section("results", results, 20),
    Section("kpi_values", kpi_values, 21),
    Section("ratings_received", ratings_received, 22),
    Section("ratings_given", ratings_given, 23),
    Section("evidence", evidence, 24),
)
