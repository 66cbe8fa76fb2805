"""Factories of the plan stage: a plan and its goals, actions, company support and milestones."""

import datetime as dt

import factory
from django.utils import timezone

from perfloop.plans.models import Action, Goal, Milestone, Plan, Support
from tests.org.factories import EmployeeFactory, UserFactory


class PlanFactory(factory.django.DjangoModelFactory):
    """A draft plan of thirty days from today; pass `status` and dates for another state."""

    class Meta:
        model = Plan

    employee = factory.SubFactory(EmployeeFactory)
    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"改进计划{n}")
    start_date = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class GoalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Goal

    plan = factory.SubFactory(PlanFactory)
    description = "测试分数从60分提升到85分"
    metric = "测试分数"
    baseline = 60
    target = 85
    deadline = factory.LazyAttribute(lambda goal: goal.plan.end_date)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    plan = factory.SubFactory(PlanFactory)
    text = "每周2次专项学习"


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    plan = factory.SubFactory(PlanFactory)
    kind = "training"
    text = "报名产品知识培训"
    owner_name = "HR"


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    plan = factory.SubFactory(PlanFactory)
    title = "2周内完成一半差距"
    due = factory.LazyAttribute(lambda m: m.plan.start_date + dt.timedelta(days=14))


class TeamPlanFactory(PlanFactory):
    """A draft team plan: a department as its subject, no employee."""

    employee = None
    department = factory.SubFactory("tests.org.factories.DepartmentFactory")
    title = factory.Sequence(lambda n: f"团队改进计划{n}")
