"""The delivery log: every e-mail (later, chat message) with its status, tries and last error; HR
see those to people in their scope, administrators all; a failed one can be sent again."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from perfloop.access.policy import people_q, roles_for
from perfloop.notify.models import Delivery
from perfloop.org.models import Employee


def can_read(user) -> bool:
    roles = roles_for(user)
    return roles.is_admin or roles.is_hr


def visible(user):
    deliveries = Delivery.objects.select_related("notification__recipient").prefetch_related(
        "notification__recipient__employee"
    )
    if roles_for(user).is_admin:
        return deliveries
    # The people in scope who can sign in, as a subquery: a join from each delivery to its
    # recipient's department would read the whole department per row.
    people = Employee.objects.filter(people_q(user, hr_only=True), user__isnull=False).values("user_id")
    return deliveries.filter(notification__recipient_id__in=people)


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
