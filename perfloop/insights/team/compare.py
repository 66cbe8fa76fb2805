"""HR's comparison of the departments under one of theirs for a cycle: the main figures side by
side, sortable, and a heat map of indicators × departments by share falling short. Four aggregate
queries grouped by the department each result was scored in; the groups are added up per
sub-department over the department tree (rows per department, never per person)."""

from collections import Counter, defaultdict

from django.db.models import Count, OuterRef, Subquery, Sum
from django.utils.translation import gettext as _

from perfloop.access.policy import roles_for
from perfloop.feedback.models import FeedbackRecord
from perfloop.insights.team import stored
from perfloop.insights.team.figures import indicator_counts, share
from perfloop.insights.team.scope import Scope, reach_key, results_in
from perfloop.insights.team.trends import LOW
from perfloop.org.models import Department
from perfloop.plans.models import Plan
from perfloop.plans.tracking.models import Closure
from perfloop.reviews.models import Result, ReviewCycle

SORTS = ("name", "size", "mean", "low", "held", "plans", "met")


def columns() -> list[tuple[str, str]]:
    return [
        ("name", _("Department")), ("size", _("People")), ("mean", _("Mean composite")),
        ("low", _("Needs improvement or below (%)")), ("held", _("Conversations held (%)")),
        ("plans", _("Plans")), ("met", _("Closed plans met (%)")),
    ]  # fmt: skip


def can_compare(user) -> bool:
    return roles_for(user).is_hr


def compare(user, parent: Department, cycle: ReviewCycle, sort: str = "name") -> dict:
    """The departments right under `parent` (or `parent` alone when it has none), compared; kept
    until what they count changes (stored.remembered)."""
    scope = Scope(parent, level=False, full=True)
    key = ("compare", cycle.pk, sort, *reach_key(user, scope))
    return stored.remembered(key, lambda: _compare(user, scope, cycle, sort))


def _compare(user, scope: Scope, cycle: ReviewCycle, sort: str) -> dict:
    parent = scope.department
    tree = list(Department.objects.filter(path__under=parent.path).values_list("pk", "name", "path", "depth"))
    children = [(pk, name, path) for pk, name, path, depth in tree if depth == parent.depth + 1] or [
        (parent.pk, parent.name, parent.path)
    ]
    under = {pk: next((c for c, _n, p in children if path.startswith(p)), None) for pk, _n, path, _d in tree}
    results = results_in(user, scope, [cycle.pk])
    size, complete, total, low = Counter(), Counter(), Counter(), Counter()
    for department, is_complete, band, n, points in (
        results.values_list("department_id", "complete", "band").annotate(n=Count("id"), points=Sum("composite"))
        .order_by()
    ):  # fmt: skip
        child = under.get(department)
        size[child] += n
        if is_complete:
            complete[child] += n
            total[child] += points or 0
            low[child] += n if band in LOW else 0
    held = Counter()
    for department, n in (
        FeedbackRecord.objects.filter(result__in=results.values("pk")).exclude(status=FeedbackRecord.Status.PLANNED)
        .values_list("result__department_id").annotate(n=Count("id")).order_by()
    ):  # fmt: skip
        held[under.get(department)] += n
    plans, closed, met = Counter(), Counter(), Counter()
    scored_in = Result.objects.filter(cycle=cycle, employee_id=OuterRef("employee_id")).values(
        "department_id"
    )[:1]
    for department, result, n in (
        Plan.objects.filter(cycle=cycle, employee_id__in=results.values("employee_id"))
        .exclude(status__in=[Plan.Status.CANCELLED]).annotate(scored_in=Subquery(scored_in))
        .values_list("scored_in", "closure__result").annotate(n=Count("id")).order_by()
    ):  # fmt: skip
        child = under.get(department)
        plans[child] += n
        closed[child] += n if result else 0
        met[child] += n if result == Closure.Result.MET else 0
    heat = defaultdict(lambda: [0, 0])
    counts = indicator_counts(user, scope, cycle, results)
    for (department, name), (scored, short, _gaps) in counts.items():
        cell = heat[(under.get(department), name)]
        cell[0] += scored
        cell[1] += short
    rows = [
        {
            "department": pk, "name": name, "size": size[pk],
            "mean": round(float(total[pk]) / complete[pk], 1) if complete[pk] else None,
            "low": share(low[pk], complete[pk]), "held": share(held[pk], size[pk]),
            "plans": plans[pk], "met": share(met[pk], closed[pk]),
        }
        for pk, name, _path in children
    ]  # fmt: skip
    key = sort.lstrip("-") if sort.lstrip("-") in SORTS else "name"
    rows.sort(
        key=lambda r: (r[key] is None, r[key] if r[key] is not None else 0), reverse=sort.startswith("-")
    )
    indicators = sorted({name for _d, name in heat})
    cells = [
        [x, y, share(heat[(row["department"], name)][1], heat[(row["department"], name)][0])]
        for x, row in enumerate(rows)
        for y, name in enumerate(indicators)
        if heat[(row["department"], name)][0]
    ]
    return {"rows": rows, "indicators": indicators, "cells": cells}


def heat_map(found: dict) -> dict:
    return {
        "tooltip": {"position": "top"},
        "grid": {"left": 120, "right": 16, "top": 16, "bottom": 96},
        "xAxis": {"type": "category", "data": [r["name"] for r in found["rows"]], "axisLabel": {"rotate": 30, "interval": 0}},
        "yAxis": {"type": "category", "data": found["indicators"]},
        "visualMap": {
            "min": 0, "max": 100, "calculable": True, "orient": "horizontal", "left": "center", "bottom": 0,
            "inRange": {"color": ["#e8f5e9", "#fff3cd", "#fd7e14", "#dc3545"]}, "text": [_("Falling short (%)"), ""],
        },
        "series": [{"type": "heatmap", "data": found["cells"], "label": {"show": True}}],
    }  # fmt: skip
