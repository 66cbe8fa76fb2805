"""What happens in a review round, told to whoever listens once the transaction has committed
(the round's notifications). Listeners get ids, never a reviewer's name about someone else."""

from django.db import transaction
from django.dispatch import Signal

NOMINATIONS_WAITING = "nominations_waiting"  # about the employee: to their manager
FORM_ASSIGNED = "form_assigned"  # about the reviewer: to them
FORM_REOPENED = "form_reopened"  # about the reviewer: to them

# Sent with kind=<one of the above> and the ids the kind names.
round_event = Signal()


def _emit(kind: str, **ids) -> None:
    transaction.on_commit(lambda: round_event.send(sender="rounds", kind=kind, **ids))


def nominations_waiting(round_id: int, employee_id: int) -> None:
    _emit(NOMINATIONS_WAITING, round_id=round_id, employee_id=employee_id)


def form_assigned(reviewer_id: int, round_id: int) -> None:
    _emit(FORM_ASSIGNED, round_id=round_id, reviewer_id=reviewer_id)


def form_reopened(form_id: int) -> None:
    _emit(FORM_REOPENED, form_id=form_id)
