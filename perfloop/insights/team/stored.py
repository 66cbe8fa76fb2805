"""Team figures kept per process until what they count changes: each is computed once under the
figures stamp (insights.FiguresStamp, changed by triggers on every table a report counts), the
rights stamp (who reaches whom) and the day (a plan falls off track, a promise falls due by the
calendar), and read from here until one of them moves — not counted again on every view."""

import datetime as dt
from collections.abc import Callable

from django.db import connection
from django.utils import timezone

from perfloop.access import stamp as rights

_KEPT: dict[tuple, object] = {}
_MOST_KEPT = 2000


def current() -> int | None:
    """The figures stamp now; None when its row is missing (a database just flushed): keep nothing."""
    return rights.value_of("insights_figuresstamp")


def ensure(using="default", **kwargs) -> None:
    """After migrate and flush: the stamp's row exists again, with a new random value."""
    from perfloop.insights.models import FiguresStamp

    rights.ensure_row(FiguresStamp, using)


def remembered(key: tuple, compute: Callable[[], object], today: dt.date | None = None):
    """What `compute` returns for `key` (which names everything the figures depend on besides the
    data: the reader's reach, the department, the cycle…), computed again once the data changed."""
    if connection.in_atomic_block:
        return compute()  # inside a transaction, what it wrote may not have moved the stamp yet
    figures, reach = current(), rights.current()
    if figures is None or reach is None:
        return compute()
    full_key = (figures, reach, today or timezone.localdate(), connection.alias, *key)
    if full_key not in _KEPT:
        if len(_KEPT) >= _MOST_KEPT:
            _KEPT.clear()
        _KEPT[full_key] = compute()
    return _KEPT[full_key]
