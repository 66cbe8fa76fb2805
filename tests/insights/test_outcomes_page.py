"""HR's outcomes page opens on the newest cycle that has outcomes, not on a newer empty one."""

import datetime as dt

import pytest

from perfloop.plans.models import Plan
from perfloop.reviews.models import ReviewCycle
from tests.followup.factories import ClosureFactory
from tests.plans.factories import PlanFactory
from tests.reviews.factories import ReviewCycleFactory

pytestmark = pytest.mark.django_db


def test_the_outcomes_page_opens_on_the_newest_cycle_with_outcomes(org, following, client_for):
    plan, _goal = following
    older = ReviewCycleFactory(
        name="2025年Q4",
        status=ReviewCycle.Status.FEEDBACK,
        start_date=dt.date(2025, 10, 1),
        end_date=dt.date(2025, 12, 31),
    )
    Plan.objects.filter(pk=plan.pk).update(cycle=older, status="closing")
    ClosureFactory(plan=plan, closed_by=org.user("manager"), outcome="raise_candidate")
    ReviewCycleFactory(
        name="2026年Q1",
        status=ReviewCycle.Status.DRAFT,
        start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 3, 31),
    )
    html = client_for("hr_in_scope").get("/insights/outcomes/").content.decode()
    assert f'<option value="{older.pk}" selected' in html and "刘洋" in html


def test_hr_checks_the_decided_outcomes_of_a_list_at_once(org, following, browser_like):
    plan, _goal = following
    cycle = ReviewCycleFactory(name="2026年Q3", status=ReviewCycle.Status.FEEDBACK)
    Plan.objects.filter(pk=plan.pk).update(status="closed", cycle=cycle)
    plan.refresh_from_db()
    closure = ClosureFactory(plan=plan, closed_by=org.user("manager"), outcome="raise_candidate")
    hr = browser_like("hr_in_scope", "zh-hans")
    page = hr.get(f"/insights/outcomes/?cycle={plan.cycle_id}").content.decode()
    assert 'data-testid="check-outcomes"' in page
    outside = browser_like("hr_out_of_scope")
    outside.submit(
        f"/insights/outcomes/?cycle={plan.cycle_id}", "/insights/outcomes/check/", {"cycle": plan.cycle_id}
    )
    closure.refresh_from_db()
    assert closure.checked_at is None  # not in that HR's scope
    answer = hr.submit(
        f"/insights/outcomes/?cycle={plan.cycle_id}",
        "/insights/outcomes/check/",
        {"cycle": plan.cycle_id},
        follow=True,
    )
    closure.refresh_from_db()
    assert closure.checked_by == org.user("hr_in_scope") and "已审核 1 项结果" in answer.content.decode()


def test_a_plan_without_a_result_yet_is_not_counted_to_check_nor_breaks_checking(
    org, following, browser_like
):
    plan, _goal = following
    cycle = ReviewCycleFactory(name="2026年Q3", status=ReviewCycle.Status.FEEDBACK)
    Plan.objects.filter(pk=plan.pk).update(cycle=cycle)  # active: no closure yet
    closed = PlanFactory(employee=org.lead, owner=org.user("manager"), status="closed", cycle=cycle)
    closure = ClosureFactory(plan=closed, closed_by=org.user("manager"), outcome="none")
    hr = browser_like("hr_in_scope", "zh-hans")
    page = hr.get(f"/insights/outcomes/?cycle={cycle.pk}").content.decode()
    assert "审核本列表中已决定的 1 项结果" in page
    answer = hr.submit(
        f"/insights/outcomes/?cycle={cycle.pk}", "/insights/outcomes/check/", {"cycle": cycle.pk}
    )
    closure.refresh_from_db()
    assert answer.status_code == 302 and closure.checked_by == org.user("hr_in_scope")
