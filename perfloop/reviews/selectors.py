"""Read queries for review results, always scoped through the access layer."""

import hashlib
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Case, Count, Exists, F, OuterRef, Q, When
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from perfloop.access import policy
from perfloop.org.models import Employee
from perfloop.org.selectors import search_q
from perfloop.reviews import analysis, registry, rules
from perfloop.reviews.breakdown import Breakdown, RelationMean
from perfloop.reviews.models import (
    Band,
    EvidenceRecord,
    Relation,
    Result,
    Review360,
    ReviewCycle,
    RootCause,
    ScoredIndicator,
)

Status = ReviewCycle.Status
RELATION_ORDER = [*Relation.values, "others"]


def result_for(user, pk: int) -> Result | None:
    return (
        Result.objects.visible_to(user)
        .select_related("cycle", "employee__department", "employee__position", "template")
        .filter(pk=pk)
        .first()
    )


def my_results(user):
    roles = policy.roles_for(user)
    if not roles.employee:
        return Result.objects.none()
    return (
        Result.objects.visible_to(user)
        .filter(employee=roles.employee)
        .select_related("cycle")
        .order_by("-cycle__start_date")
    )


OTHERS = "others"
# A manager's and one's own rating are known to the employee anyway; every other relation is
# anonymous only with enough raters in it.
NAMED_RELATIONS = {Relation.MANAGER, Relation.SELF}


def relations_seen(
    by_relation: dict[str, RelationMean], min_raters: int, full: bool
) -> dict[str, RelationMean]:
    """360 means by relation as a viewer may see them.

    HR in scope (`full`) sees every relation. Anyone else sees a relation with fewer than
    `min_raters` raters only merged with the other small ones into "others", and that only
    when the merged group reaches `min_raters` itself: no single rating can be told apart.
    """
    if full:
        return by_relation
    seen, merged = {}, []
    for relation, value in by_relation.items():
        if relation in NAMED_RELATIONS or value["count"] >= min_raters:
            seen[relation] = value
        else:
            merged.append(value)
    count = sum(v["count"] for v in merged)
    if merged and count >= min_raters:
        total = sum(Decimal(v["mean"]) * v["count"] for v in merged)
        seen[OTHERS] = {
            "mean": str((total / count).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)),
            "count": count,
        }
    return seen


def relations_hidden(by_relation: dict[str, RelationMean], min_raters: int, full: bool) -> str:
    """Why a relation's mean is not shown on its own, for a viewer who is not HR: the score still
    counts every rating, so the page says which relations were merged into "others" or left out."""
    if full:
        return ""
    small = [r for r, v in by_relation.items() if r not in NAMED_RELATIONS and v["count"] < min_raters]
    if not small:
        return ""
    names = pgettext("list separator", ", ").join(
        str(Relation(r).label) for r in sorted(small, key=RELATION_ORDER.index)
    )
    merged = sum(by_relation[r]["count"] for r in small) >= min_raters
    words = {"relations": names, "min": min_raters}
    if merged:
        return (
            _(
                "%(relations)s had fewer than %(min)s raters each: shown together as Others, so that no "
                "one rating can be told apart. The score counts every rating."
            )
            % words
        )
    return (
        _(
            "%(relations)s had fewer than %(min)s raters: not shown, so that no one rating can be told "
            "apart. The score counts every rating."
        )
        % words
    )


def breakdown_seen(user, result: Result) -> Breakdown:
    """The result's breakdown with 360 means by relation as this user may see them."""
    full = rules.can_see_individual_reviews(user, result)
    return [
        {**item, "by_relation": relations_seen(item["by_relation"], result.cycle.min_raters, full)}
        if "by_relation" in item
        else item
        for item in result.breakdown
    ]


def _relation_label(relation: str) -> str:
    return str(_("Others (merged)")) if relation == OTHERS else str(Relation(relation).label)


def comments_seen(result: Result) -> list[dict]:
    """The 360 comments about a result as the person and their manager read them: without names
    or dates, grouped by relation under the same rule as the means (a relation with fewer than the
    cycle's minimum of raters only merged into "others", or not at all), and in an order that
    follows neither the reviewers nor the time they wrote (a keyed hash of each comment)."""
    from django.conf import settings

    rows = Review360.objects.filter(cycle_id=result.cycle_id, employee_id=result.employee_id)
    raters = dict(
        rows.values("relation")
        .annotate(n=Count("reviewer_id", distinct=True))
        .values_list("relation", "n")
        .order_by()
    )
    seen = relations_seen(
        {r: {"mean": "0", "count": n} for r, n in raters.items()}, result.cycle.min_raters, full=False
    )
    group_of = {r: r for r in seen if r != OTHERS}
    if OTHERS in seen:
        group_of.update({r: OTHERS for r in raters if r not in group_of})
    # Reviewers of an attributed round wrote under their name: read with it, whatever the count.
    named = registry.attributed(result.cycle_id, result.employee_id)
    groups: dict[str, list] = {}
    for relation, reviewer_id, name, indicator, comment, source in rows.exclude(comment="").values_list(
        "relation", "reviewer_id", "reviewer__name", "indicator__name", "comment", "source"
    ):
        signed = reviewer_id in named and source == Review360.Source.ONLINE
        if relation in group_of or signed:
            key = hashlib.sha256(
                f"{settings.SECRET_KEY}:{result.pk}:{reviewer_id}:{indicator}".encode()
            ).hexdigest()
            group = relation if signed else group_of[relation]
            groups.setdefault(group, []).append((key, indicator, comment, name if signed else ""))
    return [
        {
            "label": _relation_label(relation),
            "comments": [{"indicator": i, "text": c, "by": by} for _k, i, c, by in sorted(found)],
        }
        for relation, found in sorted(groups.items(), key=lambda kv: RELATION_ORDER.index(kv[0]))
    ]


def explanation(user, result: Result) -> dict:
    """Everything the result page shows, already filtered to what this user may see."""
    strengths, improvements = analysis.analyse(result.breakdown, result.employee.department.name)
    breakdown = breakdown_seen(user, result)
    full = rules.can_see_individual_reviews(user, result)
    hidden = {
        i.get("indicator_id"): relations_hidden(i["by_relation"], result.cycle.min_raters, full)
        for i in result.breakdown
        if "by_relation" in i
    }
    # Where the 360° ratings came from (counts only: nobody is told apart by them).
    sources = dict(
        Review360.objects.filter(cycle_id=result.cycle_id, employee_id=result.employee_id)
        .values_list("source")
        .annotate(n=Count("pk"))
        .order_by()
    )
    context = {
        "result": result,
        "rating_sources": {"online": sources.get("online", 0), "imported": sources.get("import", 0)},
        "strengths": strengths,
        "improvements": improvements,
        "evidence": EvidenceRecord.objects.filter(
            cycle_id=result.cycle_id, employee_id=result.employee_id
        ).select_related("indicator"),
        "root_causes": result.root_causes.select_related("indicator", "by__employee"),
        "breakdown": breakdown,
        "kpis": [i for i in breakdown if i["kind"] == "kpi"],
        "competencies": [
            {
                **i,
                "relations": [
                    {"label": _relation_label(r), "mean": v["mean"], "count": v["count"]}
                    for r, v in sorted(
                        i.get("by_relation", {}).items(), key=lambda kv: RELATION_ORDER.index(kv[0])
                    )
                ],
                "hidden_note": hidden.get(i.get("indicator_id"), ""),
            }
            for i in breakdown
            if i["kind"] == "competency"
        ],
    }
    if rules.can_see_calibrations(user, result):
        context["calibrations"] = result.calibrations.select_related("by__employee")
    if rules.can_see_individual_reviews(user, result):
        context["reviews"] = Review360.objects.filter(
            cycle_id=result.cycle_id, employee_id=result.employee_id
        ).select_related("reviewer", "indicator")
    else:
        context["comments"] = comments_seen(result)
    return context


# A result as lists show it, without its breakdown.
SUMMARY_FIELDS = (
    "id",
    "cycle_id",
    "composite",
    "complete",
    "band",
    "employee_id",
    "employee__name",
    "employee__employee_no",
)
BAND_ORDER = Case(*(When(band=b, then=i) for i, b in enumerate(Band.values)), default=len(Band.values))
# Each order ends with a tie-break. By score it is the result's id: the index on (cycle, score)
# then gives the whole order and a page is read from it, whatever the join order SQLite would
# otherwise pick once a company has several cycles (a sort of 20,000 rows per page).
TEAM_ORDER = {
    "-composite": [F("composite").desc(nulls_last=True), "pk"],
    "composite": [F("composite").asc(nulls_last=True), "pk"],
    "name": ["employee__name", "employee__employee_no"],
    "department": ["employee__department__path", "employee__employee_no"],
    "band": [BAND_ORDER, "employee__employee_no"],
}


def in_cycle(results, cycle):
    """The cycle's results, for a list ordered by the person (employee number). On SQLite the
    condition reads `cycle_id + 0`: a bound `cycle_id = ?` is shared by every result of a cycle,
    so its index makes SQLite sort the whole cycle (10 ms for 20,000 people) instead of walking
    people in order and stopping at the page (0.2 ms)."""
    if connection.vendor != "sqlite":
        return results.filter(cycle=cycle)
    return results.alias(cycle_key=F("cycle_id") + 0).filter(cycle_key=cycle.pk)


def team_rows(
    results, *, q: str = "", department=None, band: str = "", incomplete: bool = False, sort: str = "",
    short_on: str = "",
):  # fmt: skip
    """A team view's results, searched, filtered and ordered in the database (a page is then cut from it)."""
    if short_on:
        results = results.filter(
            Exists(ScoredIndicator.objects.filter(result=OuterRef("pk"), name=short_on, short=True))
        )
    if q:
        results = results.filter(search_q(q, "employee__", position=False))
    if department is not None:
        results = results.filter(employee__department__path__under=department.path)
    if band:
        results = results.filter(band=band)
    if incomplete:
        results = results.filter(complete=False)
    order = TEAM_ORDER.get(sort) or TEAM_ORDER["-composite"]
    # Only what a row shows: a result's breakdown is the largest field and is not read here.
    return (
        results.select_related("employee__department")
        .only(*SUMMARY_FIELDS, "employee__department__name")
        .order_by(*order)
    )


def team_table(results: list[Result], cycle: ReviewCycle, data_open: bool) -> list[dict]:
    """A page of the team view as its table shows it: plain values and links made once here,
    so that the template only prints them (50 rows of model lookups cost more than the query)."""
    labels = dict(Band.choices)
    return [
        {
            "url": reverse("reviews:result_detail", args=[r.pk]),
            "entry_url": reverse("reviews:entry", args=[cycle.pk, r.employee_id]) if data_open else "",
            "name": r.employee.name,
            "department": r.employee.department.name,
            "composite": "—" if r.composite is None else str(r.composite),
            "complete": r.complete,
            "band": r.band,
            "band_label": labels.get(r.band, ""),
        }
        for r in results
    ]


def people_in(cycle: ReviewCycle):
    """The people a cycle reviews: active, and employed before its period ended (someone hired
    after it has no result in it)."""
    return Employee.objects.filter(status=Employee.Status.ACTIVE).filter(
        Q(hire_date__isnull=True) | Q(hire_date__lte=cycle.end_date)
    )


def completeness(cycle: ReviewCycle) -> dict:
    """How ready a cycle's results are: complete, incomplete, and people of the cycle with none."""
    counts = dict(
        Result.objects.filter(cycle=cycle).values_list("complete").annotate(n=Count("id")).order_by()
    )
    complete, incomplete = counts.get(True, 0), counts.get(False, 0)
    active = people_in(cycle).count()
    return {"complete": complete, "incomplete": incomplete, "missing": max(active - complete - incomplete, 0)}


def distribution(results) -> tuple[list[dict], int]:
    """People per band as shares of the complete results, and how many results are pending:
    an incomplete result counts in no band, nor in the guide's warning."""
    counts, pending = {}, 0
    for complete, band, n in results.values_list("complete", "band").annotate(n=Count("id")).order_by():
        if complete:
            counts[band] = counts.get(band, 0) + n
        else:
            pending += n
    return distribution_rows(counts), pending


def distribution_rows(counts: dict) -> list[dict]:
    """Complete results per band as the page shows them, with their shares."""
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
    """Indicators where at least 30% of the people scored fall short (共性问题), counted by one
    aggregate query over the rows scoring wrote (`ScoredIndicator`).

    Indicators are grouped by name: 产品知识测试 in two templates is one problem for HR.
    """
    counts = (
        ScoredIndicator.objects.filter(result__in=results.values("pk"))
        .values_list("name")
        .annotate(scored=Count("id"), short=Count("id", filter=Q(short=True)))
        .order_by()
    )
    return problems_of({name: (scored, short) for name, scored, short in counts}, threshold)


def problems_of(shortfalls: dict, threshold: float = 0.3) -> list[dict]:
    """Indicator name → (scored, short) as the common problems, most shared first."""
    problems = [
        {"name": name, "short": short, "scored": scored, "share": round(100 * short / scored, 1)}
        for name, (scored, short) in shortfalls.items()
        if scored and short / scored >= threshold
    ]
    return sorted(problems, key=lambda p: (-p["share"], p["name"]))


def root_cause_counts(results) -> list[dict]:
    counts = dict(
        RootCause.objects.filter(result__in=results.values("pk"))
        .values_list("cause")
        .annotate(n=Count("id"))
        .order_by()
    )
    return causes_of(counts)


def causes_of(counts: dict) -> list[dict]:
    return [
        {"cause": c.value, "label": str(c.label), "count": counts.get(c.value, 0)} for c in RootCause.Cause
    ]


def cycle_in_feedback(user) -> ReviewCycle | None:
    """The newest cycle in feedback, read once per request (kept on the request's user object):
    several stages' to-dos ask for it on the same home page."""
    if not hasattr(user, "_perfloop_feedback_cycle"):
        user._perfloop_feedback_cycle = (
            ReviewCycle.objects.filter(status=ReviewCycle.Status.FEEDBACK).order_by("-pk").first()
        )
    return user._perfloop_feedback_cycle
