"""Check-ins and readings through their services, and the status computed from them on the database."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from perfloop.plans import drafting, editing
from perfloop.plans.models import Plan
from perfloop.plans.tracking import progress, services
from perfloop.plans.tracking.models import CheckIn, Reading
from tests.plans.conftest import START

pytestmark = pytest.mark.django_db
DAY = START + dt.timedelta(days=9)


def test_a_check_in_keeps_its_readings_deviations_and_corrections(active, org):
    goal = active.goals.get(metric="产品知识")
    checkin = services.record_checkin(
        plan=active,
        by=org.user("manager"),
        held_on=DAY,
        kind="brief",
        today=DAY,
        readings=[(goal.pk, "70", "模拟测试70分")],
        on_track=False,
        deviations="学习时间不足",
        corrections="调整学习时间到周末, 增加碎片化学习",
        recognition="这周你主动同步了跨部门项目信息",
    )
    (reading,) = checkin.readings.all()
    assert (reading.value, reading.note, reading.confirmed) == (Decimal("70.00"), "模拟测试70分", True)
    assert checkin.corrections.startswith("调整学习时间") and checkin.on_track is False


@pytest.mark.parametrize("role", ["employee", "other_manager", "hr_out_of_scope", "admin"])
def test_only_those_who_own_the_plan_record_a_check_in(active, org, role):
    with pytest.raises(PermissionDenied):
        services.record_checkin(plan=active, by=org.user(role), held_on=DAY, kind="brief", today=DAY)
    assert not CheckIn.objects.exists()


def test_a_draft_is_not_followed_up_and_dates_stay_in_the_plan(plan, active, org):
    draft = drafting.create(
        employee=org.employee, by=org.user("manager"), title="x", start_date=START, end_date=START
    )
    with pytest.raises(ValidationError):
        services.record_checkin(plan=draft, by=org.user("manager"), held_on=START, kind="brief", today=START)
    for day in (START - dt.timedelta(days=1), DAY + dt.timedelta(days=1)):
        with pytest.raises(ValidationError):
            services.record_checkin(plan=active, by=org.user("manager"), held_on=day, kind="brief", today=DAY)
    goal = active.goals.first()
    with pytest.raises(ValidationError):
        services.record_checkin(
            plan=active,
            by=org.user("manager"),
            held_on=DAY,
            kind="brief",
            today=DAY,
            readings=[(goal.pk, "x", "")],
        )
    assert not CheckIn.objects.exists() and not Reading.objects.exists()


def test_the_employees_own_reading_counts_once_confirmed(active, org):
    goal = active.goals.get(metric="产品知识")
    reading = services.add_reading(goal=goal, by=org.user("employee"), taken_on=DAY, value="75", today=DAY)
    assert not reading.confirmed
    assert progress.status_of(active, DAY).status == "no_data"  # not confirmed yet
    with pytest.raises(PermissionDenied):
        services.confirm_reading(reading=reading, by=org.user("employee"))
    services.confirm_reading(reading=reading, by=org.user("manager"))
    assert progress.status_of(Plan.objects.get(pk=active.pk), DAY).status == "on_track"


def test_status_of_many_plans_in_a_fixed_number_of_queries(active, org):
    manager = org.user("manager")
    goal = active.goals.get(metric="产品知识")
    editing.add_milestone(
        plan=active,
        by=manager,
        title="2周内达到70分",
        due=DAY,
        goal_id=goal.pk,
        expected="70",
        reason="加一个检查点",
    )
    services.add_reading(goal=goal, by=manager, taken_on=DAY, value="65", today=DAY)
    late = DAY + dt.timedelta(days=1)
    every = list(Plan.objects.all())
    with CaptureQueriesContext(connection) as queries:
        found = progress.statuses(every, late)
    assert len(queries) == 5
    state = found[active.pk]
    assert state.status == "off_track"
    assert [r.code for r in state.reasons] == ["milestone_missed"]
    assert state.reasons[0].params["reading"] == Decimal("65.00")
