"""What happens to a plan, told to whoever listens once the transaction has committed.

A later app (reminders) connects to `plan_event`; this app imports none of its listeners.
Listeners get ids, not objects, so that work queued from them reads the committed rows.
"""

from django.db import transaction
from django.dispatch import Signal

SUBMITTED = "submitted"
COMMENTED = "commented"
DISAGREED = "disagreed"
ACKNOWLEDGED = "acknowledged"
CLOSED = "closed"
ADJUSTED = "adjusted"  # a goal changed on an active plan: the employee acknowledges again
WITHDRAWN = "withdrawn"  # a draft sent to the employee, cancelled as wrong
DRAFTED = "drafted"  # drafted for its owner by HR's bulk run: theirs to finish and send
DRAFTED_TEAM = "drafted_team"  # a team plan drafted on a common problem of the team report
STARTED = "started"  # a team plan started by those who own it (nobody acknowledges one)

# Sent with kind=<one of the above>, plan_id=<Plan pk>, by_user_id=<who acted>.
plan_event = Signal()


def emit(kind: str, plan, by=None) -> None:
    plan_id, by_id = plan.pk, getattr(by, "pk", None)
    transaction.on_commit(
        lambda: plan_event.send(sender="plans", kind=kind, plan_id=plan_id, by_user_id=by_id)
    )
