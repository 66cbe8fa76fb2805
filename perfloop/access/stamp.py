"""The rights stamp (models.RightsStamp): read once per request, with no ORM around it."""

import random

from django.db import connection


def current() -> int | None:
    """The stamp's value now; None when its row is missing (a test database just flushed), and
    then nothing may be cached against it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM access_rightsstamp WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def ensure(using="default", **kwargs) -> None:
    """After migrate and after flush (which empties every table): the stamp's row exists again,
    with a new random value, so that nothing cached before the flush is taken for current (a
    missing row switches every cache off: `current` is None)."""
    from perfloop.access.models import RightsStamp

    stamps = RightsStamp.objects.using(using)
    if not stamps.filter(pk=1).exists():
        stamps.create(pk=1, value=random.getrandbits(62))
