"""Read queries for review results, always scoped through the access layer."""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count

from perfloop.access import policy
from perfloop.reviews import analysis
from perfloop.reviews.models import Band, EvidenceRecord, Relation, Result, ReviewCycle, RootCause

Status = ReviewCycle.Status
RELATION_ORDER = list(Relation.values)


def cycles_for(user):
    roles = policy.roles_for(user)
    qs = ReviewCycle.objects.all()
    if roles.is_hr:
        return qs
    if roles.is_manager:
        return qs.exclude(status=Status.DRAFT)
    return qs.filter(status__in=[Status.FEEDBACK, Status.CLOSED])


def result_for(user, pk: int) -> Result | None:
    return (
        policy.visible_results(user)
        .select_related("cycle", "employee__department", "employee__position", "template")
        .filter(pk=pk)
        .first()
    )


def my_results(user):
    roles = policy.roles_for(user)
    if not roles.employee:
        return Result.objects.none()
    return (
        policy.visible_results(user)
        .filter(employee=roles.employee)
        .select_related("cycle")
        .order_by("-cycle__start_date")
    )


def department_scores(result: Result) -> dict[int, list[Decimal]]:
    """Each indicator's scores in the person's department this cycle (for the top quarter)."""
    scores: dict[int, list[Decimal]] = defaultdict(list)
    for breakdown in Result.objects.filter(
        cycle_id=result.cycle_id, employee__department_id=result.employee.department_id
    ).values_list("breakdown", flat=True):
        for item in breakdown:
            if item.get("score") is not None:
                scores[item["indicator_id"]].append(Decimal(item["score"]))
    return scores


def explanation(user, result: Result) -> dict:
    """Everything the result page shows, already filtered to what this user may see."""
    strengths, improvements = analysis.analyse(
        result.breakdown, department_scores(result), result.employee.department.name
    )
    context = {
        "result": result,
        "strengths": strengths,
        "improvements": improvements,
        "evidence": EvidenceRecord.objects.filter(
            cycle_id=result.cycle_id, employee_id=result.employee_id
        ).select_related("indicator"),
        "root_causes": result.root_causes.select_related("indicator", "by"),
        "kpis": [i for i in result.breakdown if i["kind"] == "kpi"],
        "competencies": [
            {
                **i,
                "relations": [
                    {"label": Relation(r).label, "mean": v["mean"], "count": v["count"]}
                    for r, v in sorted(
                        i.get("by_relation", {}).items(), key=lambda kv: RELATION_ORDER.index(kv[0])
                    )
                ],
            }
            for i in result.breakdown
            if i["kind"] == "competency"
        ],
    }
    if policy.can_see_calibrations(user, result):
        context["calibrations"] = result.calibrations.select_related("by")
    if policy.can_see_individual_reviews(user, result):
        from perfloop.reviews.models import Review360

        context["reviews"] = Review360.objects.filter(
            cycle_id=result.cycle_id, employee_id=result.employee_id
        ).select_related("reviewer", "indicator")
    return context


def distribution(results) -> list[dict]:
    counts = dict(results.values_list("band").annotate(n=Count("id")).order_by())
    total = sum(counts.values())
    return [
        {
            "band": b.value,
            "label": str(b.label),
            "count": counts.get(b.value, 0),
            "share": round(100 * counts.get(b.value, 0) / total, 1) if total else 0.0,
        }
        for b in Band
    ]


def guide_warnings(cycle: ReviewCycle, rows: list[dict]) -> list[dict]:
    """Bands whose share exceeds the cycle's distribution guide; shown, never acted on."""
    warnings = []
    for row in rows:
        limit = cycle.distribution_guide.get(row["band"])
        if limit is not None and row["share"] > float(limit):
            warnings.append({**row, "limit": limit})
    return warnings


def common_problems(results, threshold: float = 0.3) -> list[dict]:
    """Indicators where at least 30% of the people scored fall short (共性问题).

    Indicators are grouped by name: 产品知识测试 in two templates is one problem for HR.
    """
    short: Counter = Counter()
    scored: Counter = Counter()
    for breakdown in results.values_list("breakdown", flat=True):
        for item in breakdown:
            if item.get("score") is None:
                continue
            scored[item["name"]] += 1
            if analysis.falls_short(item):
                short[item["name"]] += 1
    problems = [
        {
            "name": name,
            "short": short[name],
            "scored": scored[name],
            "share": round(100 * short[name] / scored[name], 1),
        }
        for name in scored
        if short[name] / scored[name] >= threshold
    ]
    return sorted(problems, key=lambda p: (-p["share"], p["name"]))


def root_cause_counts(results) -> list[dict]:
    counts = dict(
        RootCause.objects.filter(result__in=results.values("pk"))
        .values_list("cause")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [
        {"cause": c.value, "label": str(c.label), "count": counts.get(c.value, 0)} for c in RootCause.Cause
    ]
