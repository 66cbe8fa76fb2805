"""The follow-up, outcome and lesson pages cost the same queries for 110 people as for 330."""

import pytest

from perfloop.api.models import ApiToken
from perfloop.insights.models import Lesson
from perfloop.plans.models import Plan
from perfloop.plans.tracking.models import CheckIn, Closure
from tests.insights.factories import LessonFactory
from tests.plans.test_page_cost import give_plans
from tests.test_page_cost import add_people, costs_of, scored_department


def follow(org, cycle):
    give_plans(org, cycle)
    Plan.objects.update(status="active")
    CheckIn.objects.bulk_create(
        CheckIn(plan=p, held_on=p.start_date, kind="brief", by=org.user("manager"))
        for p in Plan.objects.exclude(pk__in=CheckIn.objects.values("plan_id"))
    )
    # One plan in three closed with an outcome, and a lesson from each, shared company-wide.
    measured = Plan.objects.exclude(employee=org.employee).order_by("pk").first()  # stays active
    fresh = list(
        Plan.objects.exclude(pk__in=Closure.objects.values("plan_id"))
        .exclude(pk=measured.pk)
        .order_by("pk")[::3]
    )
    Plan.objects.filter(pk__in=[p.pk for p in fresh]).update(status="closed")
    Closure.objects.bulk_create(
        Closure(
            plan=p, result="met", suggested="met", closed_by=org.user("manager"), outcome="raise_candidate"
        )
        for p in fresh
    )
    Lesson.objects.bulk_create(
        LessonFactory.build(plan=p, title="跨部门协作复盘", department=p.employee.department, author=org.user("manager"))
        for p in fresh
    )  # fmt: skip


def measure(org):
    token = ApiToken.issue(org.user("hr_in_scope"))
    plan = Plan.objects.exclude(employee=org.employee).order_by("pk").first()
    pages = {
        ("manager", "/followup/?scope=team"),
        ("hr_in_scope", "/followup/?scope=team"),
        ("manager", f"/plans/{plan.pk}/"),
        ("token", "/api/v1/checkins/due?scope=team"),
        ("token", f"/api/v1/plans/{plan.pk}"),
        ("hr_in_scope", f"/insights/outcomes/?cycle={plan.cycle_id}"),
        ("hr_in_scope", f"/insights/outcomes/?cycle={plan.cycle_id}&group=raise_candidate"),
        ("token", f"/api/v1/cycles/{plan.cycle_id}/candidates"),
        ("manager", "/insights/lessons/?q=协作"),
        ("manager", "/insights/lessons/?q=部门协作"),
        ("token", "/api/v1/lessons?q=复盘"),
    }
    return costs_of(org, pages, token, lambda url: url.replace(str(plan.pk), "<plan>"))


@pytest.mark.django_db
def test_follow_up_pages_cost_the_same_queries_for_110_and_330_people(org):
    department, kpi, cycle = scored_department(org)
    add_people(org, department, kpi, cycle, 110, 0)
    follow(org, cycle)
    small = measure(org)
    add_people(org, department, kpi, cycle, 220, 110)
    follow(org, cycle)
    large = measure(org)
    # Queries stay the same; the agenda reads every active plan in reach (rows grow with them).
    grown = {page: (small[page][0], large[page][0]) for page in small if large[page][0] != small[page][0]}
    assert not grown, grown
