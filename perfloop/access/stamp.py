"""The rights stamp (models.RightsStamp): read once per request, with no ORM around it."""

from django.db import connection


def current() -> int | None:
    """The stamp's value now; None when its row is missing (a test database just flushed), and
    then nothing may be cached against it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT value FROM access_rightsstamp WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None
