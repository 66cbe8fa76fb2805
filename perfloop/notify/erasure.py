"""Past retention, a departed person's own notifications are deleted (with their deliveries)."""

from django.dispatch import receiver

from perfloop.notify.models import Notification
from perfloop.org.events import people_erased


@receiver(people_erased, dispatch_uid="notify.erase")
def erase(sender, *, user_ids, **kwargs) -> None:
    Notification.objects.filter(recipient_id__in=user_ids).delete()
