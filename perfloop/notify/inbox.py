"""A person's inbox: their own notifications, read in their language, marked read."""

from django.utils import timezone

from perfloop.notify.models import Notification

SHOWN_UNREAD = 99  # the bell counts up to here ("99+")


def of(user):
    return Notification.objects.filter(recipient=user)


def unread_count(user) -> int:
    """At most SHOWN_UNREAD + 1 rows are counted, whatever the inbox holds."""
    return of(user).filter(read_at__isnull=True)[: SHOWN_UNREAD + 1].count()


def mark_read(user, ids=None) -> int:
    """Mark the user's own notifications read (those named, or all); others' ids change nothing."""
    unread = of(user).filter(read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
