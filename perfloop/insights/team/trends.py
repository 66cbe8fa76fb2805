"""A department's main figures over its last cycles, and per indicator the share falling short over
time (does a common problem shrink after the team acted on it?): five aggregate queries whatever
the number of cycles or people, each grouped by cycle. Departments as they were when each cycle
was scored; for managers, a cycle whose group is too small stays blank (scope.hidden)."""

from collections import Counter, defaultdict

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils.translation import gettext as _

from perfloop.feedback.models import FeedbackRecord
from perfloop.insights.team import stored
from perfloop.insights.team.figures import indicator_counts, share
from perfloop.insights.team.scope import Scope, hidden, minimum, reach_key, results_in
from perfloop.plans.models import Plan
from perfloop.plans.tracking.models import Closure
from perfloop.reviews.models import Band, ReviewCycle, ScoredIndicator

MOST_CYCLES = 8
LOW = (Band.NEEDS_IMPROVEMENT, Band.UNSATISFACTORY)


def last_cycles(cycles, until: ReviewCycle, n: int) -> list[ReviewCycle]:
    """The `n` cycles up to `until` among `cycles`, oldest first."""
    chosen = cycles.filter(start_date__lte=until.start_date).order_by("-start_date", "-pk")[
        : max(1, min(n, MOST_CYCLES))
    ]
    return list(reversed(chosen))


def trends(user, scope: Scope, cycles: list[ReviewCycle]) -> dict:
    """The trends, kept until what they count changes (stored.remembered)."""
    key = ("trends", tuple(c.pk for c in cycles), *reach_key(user, scope))
    return stored.remembered(key, lambda: _trends(user, scope, cycles))


def _trends(user, scope: Scope, cycles: list[ReviewCycle]) -> dict:
    ids = [c.pk for c in cycles]
    results = results_in(user, scope, ids)
    sizes, complete, low, totals = Counter(), Counter(), Counter(), Counter()
    for cycle_id, is_complete, band, n, total in (
        results.values_list("cycle_id", "complete", "band").annotate(n=Count("id"), total=Sum("composite")).order_by()
    ):  # fmt: skip
        sizes[cycle_id] += n
        if is_complete:
            complete[cycle_id] += n
            totals[cycle_id] += total or 0
            low[cycle_id] += n if band in LOW else 0
    why = hidden(user, scope, {c: sizes[c] for c in ids}, minimum())
    held = Counter()
    for cycle_id, n in (
        FeedbackRecord.objects.filter(result__in=results.values("pk")).exclude(status=FeedbackRecord.Status.PLANNED)
        .values_list("cycle_id").annotate(n=Count("id")).order_by()
    ):  # fmt: skip
        held[cycle_id] += n
    closed, met = Counter(), Counter()
    counted = results.filter(cycle_id=OuterRef("cycle_id"), employee_id=OuterRef("employee_id"))
    for cycle_id, result, n in (
        Plan.objects.filter(cycle_id__in=ids, closure__isnull=False).filter(Exists(counted))
        .values_list("cycle_id", "closure__result").annotate(n=Count("id")).order_by()
    ):  # fmt: skip
        closed[cycle_id] += n
        met[cycle_id] += n if result == Closure.Result.MET else 0
    shortfalls = defaultdict(dict)
    if scope.full:  # HR: the totals stored per department when each cycle was scored
        for cycle in cycles:
            scored, short = Counter(), Counter()
            for (_department, name), (n, m, _gaps) in indicator_counts(user, scope, cycle, results).items():
                scored[name] += n
                short[name] += m
            for name in scored:
                shortfalls[name][cycle.pk] = share(short[name], scored[name])
    else:
        for cycle_id, name, scored, short in (
            ScoredIndicator.objects.filter(result__in=results.values("pk"))
            .values_list("result__cycle_id", "name")
            .annotate(scored=Count("id"), short=Count("id", filter=Q(short=True))).order_by()
        ):  # fmt: skip
            if not why[cycle_id]:
                shortfalls[name][cycle_id] = share(short, scored)
    rows = [
        {
            "cycle": c, "size": sizes[c.pk], "hidden": why[c.pk],
            "mean": None if why[c.pk] or not complete[c.pk] else round(float(totals[c.pk]) / complete[c.pk], 1),
            "low": None if why[c.pk] else share(low[c.pk], complete[c.pk]),
            "held": None if why[c.pk] else share(held[c.pk], sizes[c.pk]),
            "met": None if why[c.pk] else share(met[c.pk], closed[c.pk]),
        }
        for c in cycles
    ]  # fmt: skip
    indicators = [
        {"name": name, "shares": [shares.get(c) for c in ids]} for name, shares in sorted(shortfalls.items())
    ]
    return {"rows": rows, "indicators": indicators}


def _line(name, data, **extra) -> dict:
    return {"name": name, "type": "line", "data": data, "connectNulls": False, **extra}


def charts(found: dict) -> dict:
    """Two line charts: the loop's main shares with the mean composite, and each indicator's share
    falling short."""
    names = [r["cycle"].name for r in found["rows"]]
    main = {
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 48, "right": 48, "top": 24, "bottom": 64},
        "xAxis": {"type": "category", "data": names},
        "yAxis": [{"type": "value", "max": 100, "name": "%"}, {"type": "value", "name": _("Composite"), "scale": True}],
        "series": [
            _line(_("Mean composite"), [r["mean"] for r in found["rows"]], yAxisIndex=1),
            _line(_("Needs improvement or below (%)"), [r["low"] for r in found["rows"]]),
            _line(_("Conversations held (%)"), [r["held"] for r in found["rows"]]),
            _line(_("Closed plans met (%)"), [r["met"] for r in found["rows"]]),
        ],
    }  # fmt: skip
    problems = {
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0, "type": "scroll"},
        "grid": {"left": 48, "right": 16, "top": 24, "bottom": 64},
        "xAxis": {"type": "category", "data": names},
        "yAxis": {"type": "value", "max": 100, "name": _("Falling short (%)")},
        "series": [_line(i["name"], i["shares"]) for i in found["indicators"]],
    }
    return {"main": main, "problems": problems}
