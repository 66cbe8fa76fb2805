"""A person's inbox: their own notifications, read in their language, marked read."""

from django.db import connection
from django.utils import timezone

from perfloop.notify.models import Notification

SHOWN_UNREAD = 99  # the bell counts up to here ("99+")


def of(user):
    return Notification.objects.filter(recipient=user)


def unread_count(user) -> int:
    """The person's unread count as the triggers keep it (models.Unread): one row by its key, read
    without the ORM around it, on every page that shows the bell."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count FROM notify_unread WHERE user_id = %s", [user.pk])
        row = cursor.fetchone()
    return max(row[0], 0) if row else 0


def mark_read(user, ids=None) -> int:
    """Mark the user's own notifications read (those named, or all); others' ids change nothing."""
    unread = of(user).filter(read_at__isnull=True)
    if ids is not None:
        unread = unread.filter(pk__in=ids)
    return unread.update(read_at=timezone.now())
