"""Dates a deadline names, resolved against today (month and quarter ends, spans from today), and
the question asked back when a deadline counts in sprints."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from perfloop.plans.smart.letters import ASK_SPRINT, Parsed
from perfloop.plans.smart.reading import Text


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> date:
    return month_end(year, quarter * 3)


def next_after(today: date, candidate_for_year) -> date:
    """A date named without a year: this year's, or next year's once this year's has passed."""
    this_year = candidate_for_year(today.year)
    return this_year if this_year >= today else candidate_for_year(today.year + 1)


def after(today: date, amount: float, unit: str) -> date | None:
    if unit in ("day", "天", "日"):
        return today + timedelta(days=round(amount))
    if unit == "workday":
        day, left = today, round(amount)
        while left:
            day += timedelta(days=1)
            left -= day.weekday() < 5
        return day
    if unit in ("week", "周", "星期", "礼拜"):
        return today + timedelta(days=round(amount * 7))
    months = {"month": 1, "月": 1, "quarter": 3, "季度": 3, "year": 12, "年": 12}.get(unit)
    if months is None:
        return None
    whole = amount * months
    if float(whole).is_integer():
        return today + relativedelta(months=int(whole))
    return today + relativedelta(months=int(whole), days=round((whole % 1) * 30))


def quarter_after(today: date, ahead: int) -> tuple[int, int]:
    index = today.year * 4 + (today.month - 1) // 3 + ahead
    return index // 4, index % 4 + 1


def month_after(today: date, ahead: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 + ahead
    return index // 12, index % 12 + 1


def ask_sprint(work: Text, result: Parsed, pattern: re.Pattern) -> None:
    """A deadline in sprints depends on the team's sprint length: ask, do not guess."""
    if result.deadline is None and (sprint := pattern.search(work.text)):
        result.ask.append(ASK_SPRINT)
        work.blank(sprint.start(), sprint.end())


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
