"""What every import shares: row errors, refusal, and parsing of cell values."""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class RowError:
    line: int  # 0 when the file as a whole is wrong
    message: str

    def __str__(self):
        if not self.line:
            return self.message
        return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


MAX_ERRORS_KEPT = 1000
PREVIEW_ROWS = 50


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value)


def preview(columns, rows, errors) -> dict:
    """The first rows of a file as read, each with its own errors: what the preview page shows."""
    columns = list(columns)
    by_line: dict[int, list[str]] = {}
    for error in errors:
        by_line.setdefault(error.line, []).append(error.message)
    return {
        "columns": [c.label for c in columns],
        "rows": [
            {
                "line": row.line,
                "cells": [_shown(row.values.get(c.field))[:200] for c in columns],
                "errors": by_line.get(row.line, []),
            }
            for row in rows[:PREVIEW_ROWS]
        ],
    }


def summary(
    *,
    kind: str,
    rows: int,
    to_create: int,
    to_update: int,
    unchanged: int,
    notes: list,
    errors: list,
    groups: int = 0,
    shown: dict | None = None,
) -> dict:
    """What the preview page, the API and the commands show of any import plan (kept as JSON).

    `groups` counts what the rows are about (people, templates); `shown` is the `preview()`.
    """
    return {
        "kind": kind,
        "ok": not errors,
        "rows": rows,
        "groups": groups,
        "to_create": to_create,
        "to_update": to_update,
        "unchanged": unchanged,
        "notes": notes,
        "errors": [
            {"line": e.line, "message": e.message}
            for e in sorted(errors, key=lambda e: e.line)[:MAX_ERRORS_KEPT]
        ],
        "error_count": len(errors),
        "preview": shown or {"columns": [], "rows": []},
    }


class ImportRefused(Exception):
    """Raised by an apply when any row is wrong; nothing was written. `plan.errors` says why."""

    def __init__(self, plan):
        super().__init__(f"{len(plan.errors)} error(s)")
        self.plan = plan


DATE_PATTERN = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def parse_date(value) -> dt.date:
    """A cell as a date: a spreadsheet date, 2024-03-01, 2024/3/1, 2024.3.1 or 2024年3月1日."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    match = DATE_PATTERN.fullmatch(str(value).strip())
    if not match:
        raise ValueError(value)
    return dt.date(*map(int, match.groups()))


class NumberOutOfRange(ValueError):
    """A number the database column cannot hold; `limit` is the smallest magnitude refused."""

    def __init__(self, value, limit: Decimal):
        super().__init__(value)
        self.limit = limit


QUANTUM = {places: Decimal(1).scaleb(-places) for places in range(7)}


def parse_decimal(value, digits: tuple[int, int] = (14, 4)) -> Decimal:
    """A cell as a number: 95, 95.5, "1,200", "85%" (the percent sign is dropped).

    `digits` are the column's (max_digits, decimal_places): a number it cannot hold is
    refused here, and extra decimals are rounded as the column would round them.
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        result = Decimal(str(value))
    else:
        text = str(value).strip().replace(",", "").replace("，", "").rstrip("%％").strip()
        try:
            result = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(value) from exc
    if not result.is_finite():
        raise ValueError(value)
    max_digits, places = digits
    limit = Decimal(10) ** (max_digits - places)
    if abs(result) >= limit:
        raise NumberOutOfRange(value, limit)
    rounded = result.quantize(QUANTUM[places], rounding=ROUND_HALF_UP)
    return result if rounded == result else rounded  # 95 stays 95, not 95.0000


def text(value) -> str:
    return "" if value is None else str(value).strip()
