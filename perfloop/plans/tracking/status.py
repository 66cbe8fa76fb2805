"""Whether an active plan is on track, computed from its data and never typed (pure Python).

A plan is ``off_track`` when
- a milestone's date has passed (the day after it, not the day itself) and the latest reading of
  its goal on or before that date misses the expected value — below it for a higher-is-better
  metric, above it for a lower-is-better one — or there is no such reading;
- a check-in is overdue by more than one interval of its cadence (the next one falls one interval
  after the last held, or after the start; overdue by a whole interval more is off track);
- a support commitment the company made is still open after its due date.
Otherwise it is ``on_track``, or ``no_data`` before its first reading. Every reason comes with
its figures so that pages, the API and reminders word it in the reader's language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

ON_TRACK, OFF_TRACK, NO_DATA = "on_track", "off_track", "no_data"


@dataclass(frozen=True)
class Milestone:
    title: str
    due: dt.date
    goal_id: int | None
    expected: Decimal | None


@dataclass(frozen=True)
class Cadence:
    kind: str  # "brief" or "formal"
    step: object  # a relativedelta or timedelta: one interval
    last_held: dt.date | None


@dataclass(frozen=True)
class Promise:
    text: str
    due: dt.date | None
    open: bool


@dataclass
class Facts:
    """What the status is computed from, loaded once per plan (or for many plans at once)."""

    start: dt.date
    directions: dict[int, str]  # goal id → "up" or "down"
    units: dict[int, str] = field(default_factory=dict)
    readings: dict[int, list[tuple[dt.date, Decimal]]] = field(default_factory=dict)  # goal id → (on, value)
    milestones: list[Milestone] = field(default_factory=list)
    cadences: list[Cadence] = field(default_factory=list)
    support: list[Promise] = field(default_factory=list)


@dataclass(frozen=True)
class Reason:
    code: str  # milestone_missed, milestone_unread, check_in_overdue, support_overdue
    params: dict


@dataclass(frozen=True)
class Status:
    status: str
    reasons: tuple[Reason, ...] = ()


def _latest_on_or_before(readings, day: dt.date):
    """Readings come in the order they were taken and recorded: of one day, the last recorded counts."""
    latest = None
    for on, value in readings:
        if on <= day and (latest is None or on >= latest[0]):
            latest = (on, value)
    return latest


def _misses(value: Decimal, expected: Decimal, direction: str) -> bool:
    return value > expected if direction == "down" else value < expected


def compute(facts: Facts, today: dt.date) -> Status:
    reasons = []
    for milestone in sorted(facts.milestones, key=lambda m: m.due):
        if milestone.due >= today or milestone.goal_id is None or milestone.expected is None:
            continue
        days = (today - milestone.due).days
        latest = _latest_on_or_before(facts.readings.get(milestone.goal_id, []), milestone.due)
        params = {
            "title": milestone.title,
            "days": days,
            "expected": milestone.expected,
            "unit": facts.units.get(milestone.goal_id, ""),
        }
        if latest is None:
            reasons.append(Reason("milestone_unread", params))
        elif _misses(latest[1], milestone.expected, facts.directions.get(milestone.goal_id, "up")):
            reasons.append(Reason("milestone_missed", {**params, "reading": latest[1]}))
    for cadence in facts.cadences:
        due = (cadence.last_held or facts.start) + cadence.step
        late_after = due + cadence.step  # overdue by more than one interval
        if today > late_after:
            reasons.append(Reason("check_in_overdue", {"kind": cadence.kind, "days": (today - due).days}))
    for promise in facts.support:
        if promise.open and promise.due is not None and promise.due < today:
            reasons.append(
                Reason("support_overdue", {"text": promise.text, "days": (today - promise.due).days})
            )
    if reasons:
        return Status(OFF_TRACK, tuple(reasons))
    if not any(facts.readings.values()):
        return Status(NO_DATA)
    return Status(ON_TRACK)


def changes_after(facts: Facts, today: dt.date) -> dt.date | None:
    """The last day the status computed today stays right: the day before a milestone's date has
    passed, a check-in becomes overdue by a whole interval or a promise falls due (None: never)."""
    days = [m.due for m in facts.milestones if m.due >= today]
    for cadence in facts.cadences:
        due = (cadence.last_held or facts.start) + cadence.step
        days.append(due + cadence.step)  # off track the day after
    days += [p.due for p in facts.support if p.open and p.due is not None and p.due >= today]
    later = [d for d in days if d >= today]
    return min(later) if later else None


def reached(value: Decimal | None, target: Decimal | None, direction: str) -> bool:
    """A final reading reaches its target (at or above it, at or below for lower-is-better)."""
    if value is None or target is None:
        return False
    return not _misses(value, target, direction)


def suggested_result(reached_goals: list[bool]) -> str:
    """All goals reached → met; some → partly met; none (or no goal) → not met."""
    if reached_goals and all(reached_goals):
        return "met"
    return "partly_met" if any(reached_goals) else "not_met"
