"""KPI actual values of a cycle (实际值)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop.bulk import upsert
from perfloop.documents.imports import text
from perfloop.reviews.importing.base import ImportPlan, decimal_cell, start
from perfloop.reviews.models import Indicator, KpiActual
from perfloop.reviews.services import ACTUAL_FIELDS


def plan_results(content, filename, *, cycle, user=None) -> ImportPlan:
    plan, rows, people = start("results", content, filename, cycle, user)
    seen: dict[tuple, int] = {}
    existing = set(KpiActual.objects.filter(cycle=cycle).values_list("employee_id", "indicator_id"))
    for row in rows:
        v, line = row.values, row.line
        if v["actual"] is None and v.get("target") is None and not text(v.get("note")):
            plan.blank += 1
            continue
        before = len(plan.errors)
        number = text(v["employee_no"])
        person = people.find(plan, line, number)
        indicator = None
        name = text(v["indicator"])
        if not name:
            plan.error(line, _("Indicator is missing."))
        elif person is not None:
            indicator = people.indicator(plan, line, person[1], name, number, Indicator.Kind.KPI)
        actual = None if v["actual"] is None else decimal_cell(plan, line, v["actual"], _("Actual value"))
        target = (
            None
            if v.get("target") is None
            else decimal_cell(plan, line, v["target"], _("Target"), positive=True)
        )
        if v["actual"] is None and v.get("target") is None:
            plan.error(line, _("Actual value is missing."))
        note = text(v.get("note"))
        if person is not None and indicator is not None:
            key = (person[0], indicator.pk)
            if key in seen:
                plan.error(
                    line,
                    _("%(no)s / %(name)s appears twice (also on line %(other)d).")
                    % {"no": number, "name": name, "other": seen[key]},
                )
            seen.setdefault(key, line)
        if len(plan.errors) == before:
            plan.add(
                {
                    "cycle": cycle.pk,
                    "employee": person[0],
                    "indicator": indicator.pk,
                    "actual": actual,
                    "target": target,
                    "note": note,
                },
                exists=key in existing,
            )
    return plan


def write(plan: ImportPlan, user) -> None:
    now = timezone.now()
    for record in plan.records:
        record["updated_by"], record["updated_at"] = getattr(user, "pk", None), now
    upsert(KpiActual, plan.records, unique=["cycle", "employee", "indicator"], update=ACTUAL_FIELDS)
