"""The plan pages cost the same queries and rows for 110 people as for 330."""

import datetime as dt

import pytest

from perfloop.api.models import ApiToken
from perfloop.plans.models import Action, Goal, Milestone, Plan, Support
from perfloop.reviews.models import Result
from tests.test_page_cost import add_people, costs_of, scored_department

START = dt.date(2023, 10, 16)


def give_plans(org, cycle):
    """A plan with two goals, actions, support and a milestone for everyone with a result and none yet."""
    taken = Plan.objects.filter(employee__isnull=False).values("employee_id")
    results = Result.objects.filter(cycle=cycle).exclude(employee_id__in=taken)
    plans = Plan.objects.bulk_create(
        Plan(employee_id=r.employee_id, owner=org.user("manager"), cycle=cycle, result=r, title="改进计划",
             start_date=START, end_date=START + dt.timedelta(weeks=8))
        for r in results
    )  # fmt: skip
    Goal.objects.bulk_create(
        Goal(plan=p, description=f"目标{n}", metric="分数", target=85, deadline=p.end_date)
        for p in plans
        for n in (1, 2)
    )
    Action.objects.bulk_create(Action(plan=p, text="学习") for p in plans)
    Support.objects.bulk_create(Support(plan=p, kind="time", text="时间", owner_name="HR") for p in plans)
    Milestone.objects.bulk_create(Milestone(plan=p, title="完成前3章", due=p.start_date) for p in plans)


def give_team_plan(org, department, cycle, kpi):
    """A team plan on the department, three of its people with an action each, 刘洋 among them."""
    plan = Plan.objects.create(
        department=department, owner=org.user("manager"), cycle=cycle, title="团队改进计划", start_date=START,
        end_date=START + dt.timedelta(weeks=12), status="active",
    )  # fmt: skip
    Goal.objects.create(plan=plan, description="达标率提升", metric="达标率", target=80, source=kpi.name)
    people = [org.employee, *department.employees.exclude(pk=org.employee.pk).order_by("pk")[:2]]
    Action.objects.bulk_create(Action(plan=plan, text="例会", owner="other", assignee=e) for e in people)


def measure(org):
    token = ApiToken.issue(org.user("hr_in_scope"))
    plan = Plan.objects.filter(employee__isnull=False).exclude(employee=org.employee).order_by("pk").first()
    team = Plan.objects.get(department__isnull=False)
    pages = {
        ("manager", "/plans/"),
        ("hr_in_scope", "/plans/"),
        ("manager", f"/plans/{plan.pk}/"),
        ("hr_in_scope", f"/plans/{plan.pk}/"),
        ("token", "/api/v1/plans"),
        ("token", f"/api/v1/plans/{plan.pk}"),
        ("manager", f"/plans/{team.pk}/"),
        ("employee", "/plans/"),
    }
    return costs_of(
        org, pages, token, lambda url: url.replace(f"/{plan.pk}", "/<plan>").replace(f"/{team.pk}", "/<team>")
    )


@pytest.mark.django_db
def test_plan_pages_cost_the_same_for_110_and_330_people(org):
    department, kpi, cycle = scored_department(org)
    add_people(org, department, kpi, cycle, 110, 0)
    give_team_plan(org, department, cycle, kpi)  # first: the lists' first pages are drafts both times
    give_plans(org, cycle)
    small = measure(org)
    add_people(org, department, kpi, cycle, 220, 110)
    give_plans(org, cycle)
    large = measure(org)
    grown = {page: (small[page], large.get(page)) for page in small if large.get(page) != small[page]}
    assert not grown, grown
    assert all(queries <= 20 for queries, _rows in large.values()), large
