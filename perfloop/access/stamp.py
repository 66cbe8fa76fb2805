"""The rights stamp (models.RightsStamp): read once per request, with no ORM around it."""

import random

from django.db import connection


def value_of(table: str) -> int | None:
    """A one-row stamp table's value now; None when its row is missing (a test database just
    flushed), and then nothing may be cached against it."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT value FROM {table} WHERE id = 1")  # a table name of ours, never input
        row = cursor.fetchone()
    return row[0] if row else None


def ensure_row(model, using: str) -> None:
    """After migrate and after flush (which empties every table): a stamp's row exists again,
    with a new random value, so that nothing cached before the flush is taken for current (a
    missing row switches every cache off)."""
    stamps = model.objects.using(using)
    if not stamps.filter(pk=1).exists():
        stamps.create(pk=1, value=random.getrandbits(62))


def current() -> int | None:
    """The rights stamp's value now (None: cache nothing)."""
    return value_of("access_rightsstamp")


def ensure(using="default", **kwargs) -> None:
    from perfloop.access.models import RightsStamp

    ensure_row(RightsStamp, using)
