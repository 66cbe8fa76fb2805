"""The computed plan status at its boundaries (pure Python, no database)."""

import datetime as dt
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from perfloop.plans.tracking.status import (
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    Cadence,
    Facts,
    Milestone,
    Promise,
    compute,
)

START = dt.date(2026, 3, 2)
DUE = dt.date(2026, 3, 16)
WEEK = relativedelta(weeks=1)


def facts(direction="up", readings=(), expected="3", **more) -> Facts:
    return Facts(
        start=START,
        directions={1: direction},
        units={1: "章"},
        readings={1: list(readings)},
        milestones=[Milestone("2周内完成前3章", DUE, 1, Decimal(expected))],
        **more,
    )


def test_no_reading_yet_is_no_data_until_a_milestone_passes():
    assert compute(facts(), DUE).status == NO_DATA
    late = compute(facts(), DUE + dt.timedelta(days=1))
    assert late.status == OFF_TRACK and late.reasons[0].code == "milestone_unread"


def test_a_milestone_is_not_missed_on_its_own_day_only_the_day_after():
    readings = [(dt.date(2026, 3, 10), Decimal(2))]
    assert compute(facts(readings=readings), DUE).status == ON_TRACK
    after = compute(facts(readings=readings), DUE + dt.timedelta(days=2))
    assert after.status == OFF_TRACK
    (reason,) = after.reasons
    assert reason.code == "milestone_missed"
    assert reason.params == {
        "title": "2周内完成前3章",
        "days": 2,
        "expected": Decimal(3),
        "unit": "章",
        "reading": 2,
    }


def test_the_latest_reading_on_or_before_the_milestone_counts():
    readings = [
        (dt.date(2026, 3, 10), Decimal(2)),
        (DUE, Decimal(3)),
        (DUE + dt.timedelta(days=1), Decimal(1)),
    ]
    assert compute(facts(readings=readings), DUE + dt.timedelta(days=5)).status == ON_TRACK


def test_lower_is_better_readings_miss_above_the_expected_value():
    day = DUE + dt.timedelta(days=1)
    assert compute(facts("down", [(DUE, Decimal(2))], expected="2"), day).status == ON_TRACK
    assert compute(facts("down", [(DUE, Decimal("2.5"))], expected="2"), day).status == OFF_TRACK
    assert compute(facts("up", [(DUE, Decimal("2.5"))], expected="2"), day).status == ON_TRACK


def test_a_check_in_is_off_track_one_day_past_a_whole_interval_overdue():
    held = [Cadence("brief", WEEK, dt.date(2026, 3, 9))]  # next due 3-16, off track after 3-23
    readings = [(dt.date(2026, 3, 9), Decimal(3))]
    assert compute(facts(readings=readings, cadences=held), dt.date(2026, 3, 23)).status == ON_TRACK
    late = compute(facts(readings=readings, cadences=held), dt.date(2026, 3, 24))
    assert late.status == OFF_TRACK and late.reasons[-1].code == "check_in_overdue"
    assert late.reasons[-1].params == {"kind": "brief", "days": 8}
    never = [Cadence("formal", relativedelta(months=1), None)]  # first due 4-2, off track after 5-2
    assert compute(facts(readings=readings, cadences=never), dt.date(2026, 5, 2)).status == ON_TRACK
    assert compute(facts(readings=readings, cadences=never), dt.date(2026, 5, 3)).reasons[-1].params == {
        "kind": "formal", "days": 31,
    }  # fmt: skip


def test_an_open_support_commitment_past_its_date_is_off_track():
    readings = [(dt.date(2026, 3, 9), Decimal(3))]
    promise = [Promise("产品培训课程费用", dt.date(2026, 3, 10), True)]
    assert compute(facts(readings=readings, support=promise), dt.date(2026, 3, 10)).status == ON_TRACK
    late = compute(facts(readings=readings, support=promise), dt.date(2026, 3, 11))
    assert late.status == OFF_TRACK and late.reasons[0].params == {"text": "产品培训课程费用", "days": 1}
    kept = [Promise("产品培训课程费用", dt.date(2026, 3, 10), False)]
    assert compute(facts(readings=readings, support=kept), dt.date(2026, 4, 1)).status == ON_TRACK
