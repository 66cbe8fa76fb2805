"""A person's feedback conversations for their data export: the records (once held, for the
person themself), amendments and appeals."""

from perfloop.access.personal_data import Section
from perfloop.feedback.models import RECORD_TEXTS, Appeal, FeedbackRecord


def _records(employee, for_self: bool):
    found = FeedbackRecord.objects.filter(employee=employee).select_related("cycle")
    return found.exclude(status=FeedbackRecord.Status.PLANNED) if for_self else found


def records(employee, for_self: bool) -> list[dict]:
    return [
        {"cycle": r.cycle.name, "status": r.get_status_display(), "held_on": r.held_on,
         **{name: getattr(r, name) for name in RECORD_TEXTS}, "acknowledged_at": r.acknowledged_at,
         "dispute_reason": r.dispute_reason}
        for r in _records(employee, for_self).order_by("cycle__start_date")
    ]  # fmt: skip


def appeals(employee, for_self: bool) -> list[dict]:
    found = Appeal.objects.filter(record__in=_records(employee, for_self)).select_related("record__cycle")
    return [
        {"cycle": a.record.cycle.name, "reason": a.reason, "status": a.get_status_display(),
         "outcome": a.get_outcome_display() if a.outcome else "", "note": a.note, "resolved_at": a.resolved_at}
        for a in found.order_by("pk")
    ]  # fmt: skip


# What a person's data export holds of this app.
SECTIONS = (
    Section("feedback_records", records, 30),
    Section("appeals", appeals, 31),
)
