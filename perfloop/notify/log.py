"""The delivery log: every e-mail and chat message with its status, tries and last error; HR see
those to people in their scope, administrators all; a failed one can be sent again.

Administrators see every delivery so that they can mend the mail server or a robot, but their
role gives no right to plans or feedback: what a notification says (who is on a plan, who
disputes a record) is shown only to a reader whose HR scope reaches its recipient (`shown`)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Value
from django.utils.translation import gettext as _

from perfloop.access.policy import people_q, roles_for
from perfloop.notify import words
from perfloop.notify.models import Delivery
from perfloop.org.models import Employee


def can_read(user) -> bool:
    roles = roles_for(user)
    return roles.is_admin or roles.is_hr


def visible(user):
    deliveries = Delivery.objects.select_related("notification__recipient").prefetch_related(
        "notification__recipient__employee"
    )
    # The people in scope who can sign in, as a subquery: a join from each delivery to its
    # recipient's department would read the whole department per row.
    people = Employee.objects.filter(people_q(user, hr_only=True), user__isnull=False)
    if roles_for(user).is_admin:
        return deliveries.annotate(
            shown=Exists(people.filter(user_id=OuterRef("notification__recipient_id")))
        )
    return deliveries.filter(notification__recipient_id__in=people.values("user_id")).annotate(
        shown=Value(True)
    )


def what(delivery) -> tuple[str, str]:
    """(event, text) of a delivery as its reader may see them: a notification's content only when
    the reader's HR scope reaches its recipient."""
    note = delivery.notification
    if getattr(delivery, "shown", False):
        return note.event, words.text(note.event, note.params)
    return "personal", _("A notification to this person (its content is shown to their HR only).")


@transaction.atomic
def resend(*, delivery: Delivery, by) -> Delivery:
    """A failed delivery goes back to the queue (its tries are kept)."""
    if not can_read(by):
        raise PermissionDenied
    if delivery.status != Delivery.Status.FAILED:
        raise ValidationError(_("Only a failed delivery is sent again."), code="conflict")
    delivery.status = Delivery.Status.PENDING
    delivery.save(update_fields=["status"])
    from perfloop.notify.dispatch import enqueue

    pk = delivery.pk
    transaction.on_commit(lambda: enqueue([pk]))
    return delivery
