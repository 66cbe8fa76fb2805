"""Evidence records of a cycle (事例)."""

from django.utils.translation import gettext as _

from perfloop.documents.imports import parse_date, text
from perfloop.reviews.importing.base import EVIDENCE_WORDS, ImportPlan, start
from perfloop.reviews.models import EvidenceRecord


def plan_evidence(content, filename, *, cycle, user=None) -> ImportPlan:
    plan, rows, people = start("evidence", content, filename, cycle, user)
    existing = set(EvidenceRecord.objects.filter(cycle=cycle).values_list("employee_id", "date", "what"))
    for row in rows:
        v, line = row.values, row.line
        if all(v.get(f) is None for f in ("date", "kind", "what", "impact", "source")):
            plan.blank += 1
            continue
        before = len(plan.errors)
        number = text(v["employee_no"])
        person = people.find(plan, line, number)
        try:
            date = parse_date(v["date"]) if v["date"] is not None else None
        except ValueError:
            date = None
            plan.error(
                line, _("Date “%(value)s” is not a date; write it as 2024-03-01.") % {"value": v["date"]}
            )
        if v["date"] is None:
            plan.error(line, _("Date is missing."))
        indicator = None
        name = text(v.get("indicator"))
        if name and person is not None:
            indicator = people.indicator(plan, line, person[1], name, number, None)
        kind = EVIDENCE_WORDS.get(text(v["kind"]).lower())
        if kind is None:
            plan.error(
                line,
                _("Kind “%(value)s” is unknown; use positive or negative (正面, 负面).")
                % {"value": text(v["kind"])},
            )
        what = text(v["what"])
        if not what:
            plan.error(line, _("Describe what happened."))
        if len(plan.errors) == before:
            if (person[0], date, what) in existing:
                plan.unchanged += 1
                continue
            existing.add((person[0], date, what))
            plan.groups.add(person[0])
            plan.records.append(
                EvidenceRecord(
                    cycle=cycle,
                    employee_id=person[0],
                    date=date,
                    indicator=indicator,
                    kind=kind,
                    what=what,
                    impact=text(v.get("impact")),
                    source=text(v.get("source")),
                )
            )
            plan.to_create += 1
    return plan


def write(plan: ImportPlan, user) -> None:
    for record in plan.records:
        record.created_by = user
    EvidenceRecord.objects.bulk_create(plan.records, batch_size=2000)
