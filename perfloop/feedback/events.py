"""What happens to a feedback record, told to whoever listens once the transaction has committed.

A later app (reminders) connects to `feedback_event`; this app imports none of its listeners.
Listeners get ids, not objects, so that work queued from them reads the committed rows.
"""

from django.db import transaction
from django.dispatch import Signal

SCHEDULED = "scheduled"
RESCHEDULED = "rescheduled"
CANCELLED = "cancelled"
SLOT_RELEASED = "slot_released"  # held before its scheduled time: the calendar slot is withdrawn
HELD = "held"
ACKNOWLEDGEMENT_REQUESTED = "acknowledgement_requested"
ACKNOWLEDGED = "acknowledged"
DISPUTED = "disputed"
APPEAL_OPENED = "appeal_opened"
APPEAL_RESOLVED = "appeal_resolved"

# Sent with kind=<one of the above>, record_id=<FeedbackRecord pk>, by_user_id=<who acted>.
feedback_event = Signal()


def emit(kind: str, record, by=None) -> None:
    record_id, by_id = record.pk, getattr(by, "pk", None)
    transaction.on_commit(
        lambda: feedback_event.send(sender="feedback", kind=kind, record_id=record_id, by_user_id=by_id)
    )
