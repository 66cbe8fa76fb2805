"""A department's team report for one cycle, section by section, each section one or two aggregate
queries over the results the report counts (scope.results_in) — never the people's rows.

Sections: results (bands computed and calibrated, composites in steps of 5, pending), common
problems 共性问题 (share short, median points short, root causes, the employees' requests), the
conversation stage, the plan stage, outcomes, and "did it work": the change from the previous
cycle for people who closed a plan in it, beside people of the same bands who had none.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Exists, F, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Floor, Round
from django.utils import timezone

from perfloop.access.policy import roles_for
from perfloop.feedback.models import Appeal, FeedbackRecord, FeedbackRequest
from perfloop.insights.models import ReportSettings
from perfloop.insights.team import stored
from perfloop.insights.team.scope import Scope, department_q, hidden, reach_key, results_in
from perfloop.plans.models import Goal, ItemStatus, Plan, Support
from perfloop.plans.tracking import agenda
from perfloop.reviews import totals
from perfloop.reviews.models import Band, CycleTransition, Result, ReviewCycle, RootCause, ScoredIndicator

STEP = 5  # composite histogram: points per bar


@dataclass
class Report:
    scope: Scope
    cycle: ReviewCycle
    size: int  # people with a result in the report
    least: int  # the smallest group shown
    problem_share: int  # percent falling short that makes a common problem
    hidden: str = ""  # why nothing is broken down: scope.SMALL or scope.SUBTRACTION
    results: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)
    causes: Counter = field(default_factory=Counter)
    requests: Counter = field(default_factory=Counter)
    conversations: dict = field(default_factory=dict)
    plans: dict = field(default_factory=dict)
    outcomes: Counter = field(default_factory=Counter)
    worked: dict = field(default_factory=dict)


def report(user, scope: Scope, cycle: ReviewCycle, today: dt.date | None = None) -> Report:
    """The report, kept until what it counts changes (stored.remembered)."""
    today = today or timezone.localdate()
    return stored.remembered(
        ("report", *key_of(user, scope, cycle)), lambda: _report(user, scope, cycle, today), today
    )


def key_of(user, scope: Scope, cycle: ReviewCycle) -> tuple:
    """What a report depends on besides the data (see stored.remembered)."""
    return (cycle.pk, *reach_key(user, scope))


def _report(user, scope: Scope, cycle: ReviewCycle, today: dt.date) -> Report:
    settings = ReportSettings.current()
    results = results_in(user, scope, [cycle.pk])
    size = results.count()
    found = Report(scope, cycle, size, settings.min_group, settings.problem_share)
    found.hidden = hidden(user, scope, {cycle.pk: size}, settings.min_group)[cycle.pk]
    if found.hidden or not size:
        return found
    found.results = results_section(results)
    found.problems, found.causes = problems_section(user, scope, cycle, results, settings.problem_share)
    found.requests = Counter(
        dict(
            FeedbackRequest.objects.filter(record__result__in=results.values("pk"))
            .values_list("kind").annotate(n=Count("id")).order_by()
        )
    )  # fmt: skip
    found.conversations = conversation_section(results, cycle, size)
    plans = plans_of(results, cycle)
    found.plans, found.outcomes = plan_section(plans, today)
    found.worked = worked_section(results, cycle)
    if not scope.full:
        _leave_out_small_cells(found)
    return found


def _leave_out_small_cells(found: Report) -> None:
    """For managers, no line about fewer people than the smallest group: an indicator scored for a
    few, a band's change over one or two people would single them out."""
    least = found.least
    found.problems = [p for p in found.problems if p["scored"] >= least]
    if found.worked:
        rows = []
        for row in found.worked["by_band"]:
            kept = {k: v for k, v in row.items() if k not in ("with", "without") or v["n"] >= least}
            if "with" in kept or "without" in kept:
                rows.append(kept)
        found.worked["by_band"] = rows
        found.worked["indicators"] = [i for i in found.worked["indicators"] if i["n"] >= least]


def share(part: int, whole: int) -> float | None:
    """`part` of `whole` in percent, to one decimal (None of nobody)."""
    return round(100 * part / whole, 1) if whole else None


def median(counts: dict) -> Decimal | None:
    """The median of values given as value → how many (None when there are none)."""
    total = sum(counts.values())
    if not total:
        return None
    middle, seen = [], 0
    for value in sorted(counts, key=Decimal):
        middle += [Decimal(value) for p in {(total - 1) // 2, total // 2} if seen <= p < seen + counts[value]]
        seen += counts[value]
    return sum(middle) / len(middle)


def results_section(results: QuerySet) -> dict:
    """Bands as calibrated and as computed, composites in steps of 5, results pending: one query."""
    bands, computed, steps, pending = Counter(), Counter(), Counter(), 0
    for complete, band, computed_band, step, n in (
        results.annotate(step=Floor(F("composite") / STEP))
        .values_list("complete", "band", "computed_band", "step").annotate(n=Count("id")).order_by()
    ):  # fmt: skip
        if not complete:
            pending += n
            continue
        bands[band] += n
        computed[computed_band] += n
        if step is not None:
            steps[int(step) * STEP] += n
    return {
        "bands": [
            {"band": b.value, "label": b.label, "count": bands[b.value], "computed": computed[b.value]}
            for b in Band
        ],
        "histogram": [{"from": start, "to": start + STEP, "count": steps[start]} for start in _span(steps)],
        "pending": pending,
        "complete": sum(bands.values()),
        "calibrated": sum(abs(bands[b] - computed[b]) for b in Band.values) // 2,
    }


def _span(steps: Counter) -> list[int]:
    if not steps:
        return []
    return list(range(min(steps), max(steps) + STEP, STEP))


def indicator_counts(user, scope: Scope, cycle: ReviewCycle, results: QuerySet) -> dict[tuple, list]:
    """(department scored in, indicator) → [scored, short, Counter of points short]: for HR from
    the totals stored when the cycle was scored (less the reader's own result), for a manager's
    line by one aggregate query (not by department: None)."""
    counts = defaultdict(lambda: [0, 0, Counter()])
    if not scope.full:
        for name, is_short, gap, n in (
            ScoredIndicator.objects.filter(result__in=results.values("pk")).annotate(g=Round("gap"))
            .values_list("name", "short", "g").annotate(n=Count("id")).order_by()
        ):  # fmt: skip
            totals.tally(counts[(None, name)], n, is_short, gap)
        return counts
    for department, name, scored, short, gaps in totals.indicator_rows(cycle, department_q(scope)):
        row = counts[(department, name)]
        row[0] += scored
        row[1] += short
        row[2].update(gaps)  # whole points short, as text → people
    own = roles_for(user).employee
    if own is not None:  # nobody's rights reach their own result: out of their figures
        mine = Result.objects.filter(cycle=cycle, employee=own)
        where = department_q(scope, "result__")
        for department, name, is_short, gap in (
            ScoredIndicator.objects.filter(result__in=mine.values("pk")).filter(where or Q())
            .annotate(g=Round("gap")).values_list("result__department_id", "name", "short", "g")
        ):  # fmt: skip
            totals.tally(counts[(department, name)], 1, is_short, gap, sign=-1)
    return counts


def problems_section(
    user, scope: Scope, cycle: ReviewCycle, results: QuerySet, threshold: int
) -> tuple[list[dict], Counter]:
    """Indicators where at least `threshold` percent fall short, the most shared first, with the median
    points short (to the nearest point) and the root causes tagged on them; all causes counted."""
    scored, short, gaps = Counter(), Counter(), defaultdict(Counter)
    for (_department, name), (n, m, points) in indicator_counts(user, scope, cycle, results).items():
        scored[name] += n
        short[name] += m
        gaps[name].update(points)
    causes_of, causes = defaultdict(Counter), Counter()
    for name, cause, n in (
        RootCause.objects.filter(result__in=results.values("pk"))
        .values_list("indicator__name", "cause").annotate(n=Count("id")).order_by()
    ):  # fmt: skip
        causes_of[name][cause] += n
        causes[cause] += n
    problems = [
        {
            "name": name,
            "scored": scored[name],
            "short": short[name],
            "share": share(short[name], scored[name]),
            "median_gap": median(+gaps[name]),
            "causes": causes_of[name].most_common(),
        }
        for name in scored
        if scored[name] and short[name] * 100 >= threshold * scored[name]
    ]
    problems.sort(key=lambda p: (-p["share"], p["name"]))
    return problems, causes


def published_on(cycle: ReviewCycle) -> dt.date | None:
    """The day the cycle's results reached the people (it entered feedback), if it has."""
    at = (
        CycleTransition.objects.filter(cycle=cycle, to_status=ReviewCycle.Status.FEEDBACK)
        .order_by("at").values_list("at", flat=True).first()
    )  # fmt: skip
    return timezone.localdate(at) if at else None


def conversation_section(results: QuerySet, cycle: ReviewCycle, size: int) -> dict:
    records = FeedbackRecord.objects.filter(result__in=results.values("pk"))
    statuses = Counter(dict(records.values_list("status").annotate(n=Count("id")).order_by()))
    start = published_on(cycle)
    days = Counter()
    if start is not None:
        for held_on, n in (
            records.filter(held_on__isnull=False).values_list("held_on").annotate(n=Count("id")).order_by()
        ):
            days[max(0, (held_on - start).days)] += n
    appeals = Counter(
        dict(
            Appeal.objects.filter(record__in=records).values_list("status").annotate(n=Count("id")).order_by()
        )
    )
    total = sum(statuses.values())
    S = FeedbackRecord.Status
    return {
        "statuses": statuses,
        "records": total,
        "held": statuses[S.HELD] + statuses[S.ACKNOWLEDGED] + statuses[S.DISPUTED],
        "without": size - total,
        "median_days": median(days),
        "appeals_open": appeals[Appeal.Status.OPEN],
        "appeals_resolved": appeals[Appeal.Status.RESOLVED],
    }


def plans_of(results: QuerySet, cycle: ReviewCycle) -> QuerySet[Plan]:
    """The plans of the cycle's people counted in the report (not those cancelled as wrong)."""
    counted = results.filter(employee_id=OuterRef("employee_id"))
    return Plan.objects.filter(cycle=cycle).exclude(status=Plan.Status.CANCELLED).filter(Exists(counted))


def plan_section(plans: QuerySet, today: dt.date) -> tuple[dict, Counter]:
    statuses, closed, outcomes = Counter(), Counter(), Counter()
    for status, result, outcome, n in (
        plans.values_list("status", "closure__result", "closure__outcome").annotate(n=Count("id")).order_by()
    ):
        statuses[status] += n
        if result:
            closed[result] += n
        if outcome:
            outcomes[outcome] += n
    tracks, reasons = agenda.tracks(plans, today)
    support = Support.objects.filter(plan__in=plans.values("pk"), due__isnull=False).aggregate(
        came=Count("id", filter=Q(due__lt=today) | Q(status=ItemStatus.DONE)),
        kept=Count("id", filter=Q(status=ItemStatus.DONE, done_at__date__lte=F("due"))),
    )
    active = statuses[Plan.Status.ACTIVE]
    return {
        "statuses": statuses,
        "total": sum(statuses.values()),
        "active": active,
        "tracks": tracks,
        "reasons": reasons,
        "checkins_on_time": active - reasons["check_in_overdue"],
        "closed": closed,
        "support_due": support["came"],
        "support_kept": support["kept"],
    }, outcomes


def previous_cycle(cycle: ReviewCycle) -> ReviewCycle | None:
    """The published cycle before this one, whose plans this cycle's results tell about."""
    return (
        ReviewCycle.objects.filter(status__in=ReviewCycle.PUBLISHED, start_date__lt=cycle.start_date)
        .order_by("-start_date", "-pk").first()
    )  # fmt: skip


def worked_section(results: QuerySet, cycle: ReviewCycle) -> dict:
    """For people who closed a plan in the previous cycle: the change of their composite, beside
    people of the same previous band without a plan; and of each plan's indicator. Figures, not a
    claim of cause."""
    before = previous_cycle(cycle)
    if before is None:
        return {}
    closed = Plan.objects.filter(cycle=before, employee_id=OuterRef("employee_id"), status=Plan.Status.CLOSED)
    # The person's result of the cycle before, joined once (not a subquery per person).
    then = FilteredRelation(
        "employee__review_results",
        condition=Q(employee__review_results__cycle=before, employee__review_results__complete=True),
    )
    rows = defaultdict(dict)
    for band, planned, n, change in (
        results.filter(complete=True).annotate(then=then).filter(then__isnull=False)
        .annotate(planned=Exists(closed))
        .values_list("then__band", "planned").annotate(n=Count("id"), change=Avg(F("composite") - F("then__composite")))
        .order_by()
    ):  # fmt: skip
        rows[band]["with" if planned else "without"] = {"n": n, "change": _rounded(change)}
    by_band = [{"band": b.value, "label": b.label, **rows[b.value]} for b in Band if b.value in rows]
    score_then = ScoredIndicator.objects.filter(
        result__cycle=before,
        result__employee_id=OuterRef("plan__employee_id"),
        name=OuterRef("indicator__name"),
    )
    score_now = ScoredIndicator.objects.filter(
        result__in=results.values("pk"), result__employee_id=OuterRef("plan__employee_id"),
        name=OuterRef("indicator__name"),
    )  # fmt: skip
    indicators = [
        {"name": name, "n": n, "change": _rounded(change)}
        for name, n, change in (
            Goal.objects.filter(plan__cycle=before, plan__status=Plan.Status.CLOSED, indicator__isnull=False)
            .annotate(then=Subquery(score_then.values("score")[:1]), now=Subquery(score_now.values("score")[:1]))
            .filter(then__isnull=False, now__isnull=False)
            .values_list("indicator__name").annotate(n=Count("id"), change=Avg(F("now") - F("then")))
            .order_by("indicator__name")
        )
    ]  # fmt: skip
    return {"cycle": before, "by_band": by_band, "indicators": indicators}


def _rounded(value) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.1"))


def as_data(report: Report) -> dict:
    """The report in plain values for the API: codes rather than labels, decimals as strings."""
    plain = lambda v: None if v is None else str(v)  # noqa: E731
    data = {
        "department_id": report.scope.department.pk, "department": report.scope.department.name,
        "scope": "level" if report.scope.level else "subtree", "cycle_id": report.cycle.pk,
        "cycle": report.cycle.name, "size": report.size, "hidden": report.hidden, "smallest_group": report.least,
    }  # fmt: skip
    if not report.results:
        return data
    r, c, p, w = report.results, report.conversations, report.plans, report.worked
    data["results"] = {
        "bands": {b["band"]: b["count"] for b in r["bands"]},
        "computed_bands": {b["band"]: b["computed"] for b in r["bands"]},
        "histogram": [{"from": s["from"], "to": s["to"], "count": s["count"]} for s in r["histogram"]],
        "pending": r["pending"],
    }
    data["common_problems"] = [
        {**{k: pr[k] for k in ("name", "scored", "short", "share")}, "median_gap": plain(pr["median_gap"]),
         "root_causes": dict(pr["causes"])}
        for pr in report.problems
    ]  # fmt: skip
    data["root_causes"], data["requests"] = dict(report.causes), dict(report.requests)
    data["conversations"] = {
        **dict(c["statuses"]), "held": c["held"], "without_record": c["without"],
        "median_days": plain(c["median_days"]), "appeals_open": c["appeals_open"], "appeals_resolved": c["appeals_resolved"],
    }  # fmt: skip
    data["plans"] = {
        **dict(p["statuses"]), "on_track": p["tracks"]["on_track"], "off_track": p["tracks"]["off_track"],
        "no_data": p["tracks"]["no_data"], "off_track_reasons": dict(p["reasons"]), "closed_results": dict(p["closed"]),
        "checkins_on_time": p["checkins_on_time"], "support_due": p["support_due"], "support_kept": p["support_kept"],
    }  # fmt: skip
    data["outcomes"] = dict(report.outcomes)
    if w:
        data["did_it_work"] = {
            "previous_cycle": w["cycle"].name,
            "by_band": [
                {"band": row["band"], **{k: {"people": row[k]["n"], "change": plain(row[k]["change"])} for k in ("with", "without") if k in row}}
                for row in w["by_band"]
            ],
            "indicators": [{"name": i["name"], "plans": i["n"], "change": plain(i["change"])} for i in w["indicators"]],
        }  # fmt: skip
    return data
