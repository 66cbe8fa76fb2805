"""What happens to a dossier, told to whoever listens once the transaction has committed."""

from django.db import transaction
from django.dispatch import Signal

OPENED = "opened"  # to the person's manager: their recommendation is asked
COMMUNICATED = "communicated"  # to the person: the decision
NOT_APPLIED = "not_applied"  # to HR: an approval could not take effect on its date

dossier_event = Signal()


def _emit(kind: str, dossier_id: int) -> None:
    transaction.on_commit(lambda: dossier_event.send(sender="careers", kind=kind, dossier_id=dossier_id))


def opened(dossier_id: int) -> None:
    _emit(OPENED, dossier_id)


def communicated(dossier_id: int) -> None:
    _emit(COMMUNICATED, dossier_id)


def not_applied(dossier_id: int, reason: str) -> None:
    """Outside the refused change's transaction: told at once."""
    dossier_event.send(sender="careers", kind=NOT_APPLIED, dossier_id=dossier_id, reason=reason)
