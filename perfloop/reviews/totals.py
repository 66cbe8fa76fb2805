"""A cycle's figures stored per department and added up for HR's scope: the band distribution,
results pending, indicators where people fall short, root causes. Counted once per cycle after a
change — scoring, calibration, a root cause, or any change of the organisation (the rights stamp)
— instead of over every person of the scope on every view.

Managers reach a reporting line, not departments: their team view counts live (a line is small).
"""

from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import Round

from perfloop.access import stamp
from perfloop.access.policy import roles_for
from perfloop.org.models import Department
from perfloop.reviews.models import (
    CycleTotals,
    DepartmentTotals,
    IndicatorTotals,
    Result,
    RootCause,
    ScoredIndicator,
)


def invalidate(cycle_id: int) -> None:
    """The cycle's results changed: the next reader counts again."""
    CycleTotals.objects.filter(cycle_id=cycle_id).delete()


def recount(cycle) -> None:
    """The cycle was scored: its figures counted now, in the scoring's transaction."""
    now = stamp.current()
    if now is None:
        invalidate(cycle.pk)
    else:
        count(cycle, now)


@transaction.atomic
def count(cycle, now: int) -> None:
    """Three aggregate queries over the cycle, grouped by department, written as one row each."""
    rows = defaultdict(_empty)
    for department, complete, band, n in (
        Result.objects.filter(cycle=cycle).values_list("employee__department_id", "complete", "band")
        .annotate(n=Count("id")).order_by()
    ):  # fmt: skip
        if complete:
            rows[department]["bands"][band] += n
        else:
            rows[department]["pending"] += n
    for department, name, scored, short in (
        ScoredIndicator.objects.filter(result__cycle=cycle).values_list("result__employee__department_id", "name")
        .annotate(scored=Count("id"), short=Count("id", filter=Q(short=True))).order_by()
    ):  # fmt: skip
        rows[department]["shortfalls"][name] = [scored, short]
    for department, cause, n in (
        RootCause.objects.filter(result__cycle=cycle).values_list("result__employee__department_id", "cause")
        .annotate(n=Count("id")).order_by()
    ):  # fmt: skip
        rows[department]["causes"][cause] += n
    # Each department's row holds its whole subtree: a scope (a few departments, or the company's
    # root) is then read as a few rows, not as every department under it.
    subtree = defaultdict(_empty)
    paths = dict(Department.objects.filter(pk__in=list(rows)).values_list("pk", "path"))
    for department, row in rows.items():
        for above in (int(i) for i in paths[department].strip("/").split("/")):
            _add(subtree[above], row)
    DepartmentTotals.objects.filter(cycle=cycle).delete()
    DepartmentTotals.objects.bulk_create(
        [DepartmentTotals(cycle=cycle, department_id=d, **_plain(r)) for d, r in subtree.items()],
        batch_size=1000,
    )  # fmt: skip
    CycleTotals.objects.update_or_create(cycle=cycle, defaults={"stamp": now})


def for_scope(user, cycle) -> dict | None:
    """The cycle's figures over the user's HR scope, from the stored totals (counting them first if
    they are stale), the user's own result left out; None for a reach that is not departments."""
    roles = roles_for(user)
    now = stamp.current()
    if not roles.is_hr or roles.is_manager or now is None:
        return None
    if not CycleTotals.objects.filter(cycle=cycle, stamp=now).exists():
        count(cycle, now)
    rows = DepartmentTotals.objects.filter(cycle=cycle, department__path__in=roles.hr_paths)
    total = _empty()
    for row in rows.values("bands", "pending", "shortfalls", "causes"):
        _add(total, row)
    own = roles.employee
    if own is not None and (roles.company_wide or roles.hr_covers_path(own.department.path)):
        total["pending"] -= _leave_out_own(cycle, own, total["bands"], total["shortfalls"], total["causes"])
    return {**total, "shortfalls": dict(total["shortfalls"])}


def _empty() -> dict:
    return {"bands": Counter(), "pending": 0, "shortfalls": defaultdict(lambda: [0, 0]), "causes": Counter()}


def _add(total: dict, row: dict) -> None:
    """Add one department's (or subtree's) figures to a running total."""
    total["bands"].update(row["bands"])
    total["causes"].update(row["causes"])
    total["pending"] += row["pending"]
    for name, (scored, short) in row["shortfalls"].items():
        total["shortfalls"][name][0] += scored
        total["shortfalls"][name][1] += short


def _plain(total: dict) -> dict:
    """As stored: plain dicts."""
    return {
        **total,
        "bands": dict(total["bands"]),
        "shortfalls": dict(total["shortfalls"]),
        "causes": dict(total["causes"]),
    }


def _leave_out_own(cycle, own, bands, shortfalls, causes) -> int:
    """Nobody's rights reach their own result: take it out of the sums; returns 1 if it was pending."""
    result = Result.objects.filter(cycle=cycle, employee=own).values_list("pk", "complete", "band").first()
    if result is None:
        return 0
    pk, complete, band = result
    if complete:
        bands[band] -= 1
    for name, short in ScoredIndicator.objects.filter(result_id=pk).values_list("name", "short"):
        shortfalls[name][0] -= 1
        shortfalls[name][1] -= int(short)
    for cause in RootCause.objects.filter(result_id=pk).values_list("cause", flat=True):
        causes[cause] -= 1
    return 0 if complete else 1


def tally(row: list, n: int, short: bool, gap, sign: int = 1) -> None:
    """Add (`sign` -1: take out) `n` scored indicators to a [scored, short, whole points short →
    people] row, as `IndicatorTotals` keeps them."""
    row[0] += sign * n
    if short:
        row[1] += sign * n
        if gap is not None:
            row[2][str(int(gap))] += sign * n


def count_indicators(cycle) -> None:
    """The cycle's scored indicators per department and indicator (`IndicatorTotals`), counted
    again in one aggregate query: called when the cycle is scored."""
    rows: dict[tuple, list] = {}
    for department, name, short, gap, n in (
        ScoredIndicator.objects.filter(result__cycle=cycle).annotate(g=Round("gap"))
        .values_list("result__department_id", "name", "short", "g").annotate(n=Count("id")).order_by()
    ):  # fmt: skip
        tally(rows.setdefault((department, name), [0, 0, Counter()]), n, short, gap)
    IndicatorTotals.objects.filter(cycle=cycle).delete()
    IndicatorTotals.objects.bulk_create(
        [
            IndicatorTotals(
                cycle=cycle, department_id=d, name=name, scored=scored, short=short, gaps=dict(gaps)
            )
            for (d, name), (scored, short, gaps) in rows.items()
        ],
        batch_size=2000,
    )


def indicator_sums(cycles: list, departments: Q, names: list[str]) -> dict[tuple[int, str], tuple[int, int]]:
    """(cycle id, indicator) → (scored, short) over the departments meeting the condition, for these
    indicators, in one aggregate over the stored totals (each cycle counted first if it has none)."""
    stored = IndicatorTotals.objects.filter(cycle__in=cycles)
    have = set(stored.values_list("cycle_id", flat=True).distinct())
    for cycle in cycles:
        if cycle.pk not in have:
            count_indicators(cycle)
    rows = (
        stored.filter(departments, name__in=names)
        .values_list("cycle_id", "name")
        .annotate(scored=Sum("scored"), short=Sum("short"))
        .order_by()
    )
    return {(cycle_id, name): (scored, short) for cycle_id, name, scored, short in rows}


def indicator_rows(cycle, departments: Q | None = None) -> list[tuple]:
    """(department, indicator, scored, short, gaps) of the cycle, for departments meeting the
    condition (all without one); counted first if the cycle has none stored yet."""
    stored = IndicatorTotals.objects.filter(cycle=cycle)
    if not stored.exists():
        count_indicators(cycle)
    if departments is not None:
        stored = stored.filter(departments)
    return list(stored.values_list("department_id", "name", "scored", "short", "gaps"))
