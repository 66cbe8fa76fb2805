"""Factories of the plans' tracking wing: check-ins, readings and closures."""

import factory
from django.utils import timezone

from perfloop.plans.tracking.models import CheckIn, Closure, Reading
from tests.org.factories import UserFactory
from tests.plans.factories import GoalFactory, PlanFactory


class CheckInFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CheckIn

    plan = factory.SubFactory(PlanFactory, status="active")
    held_on = factory.LazyFunction(timezone.localdate)
    by = factory.LazyAttribute(lambda c: c.plan.owner)


class ReadingFactory(factory.django.DjangoModelFactory):
    """A reading by the plan's owner, confirmed; pass `confirmed_by=None` for one waiting."""

    class Meta:
        model = Reading

    goal = factory.SubFactory(GoalFactory)
    taken_on = factory.LazyFunction(timezone.localdate)
    value = 70
    by = factory.LazyAttribute(lambda r: r.goal.plan.owner)
    confirmed_by = factory.LazyAttribute(lambda r: r.by)


class ClosureFactory(factory.django.DjangoModelFactory):
    """A plan's result as its manager recorded it; with `outcome`, decided now."""

    class Meta:
        model = Closure

    plan = factory.SubFactory(PlanFactory, status="closing")
    result = "met"
    suggested = factory.LazyAttribute(lambda c: c.result)
    closed_by = factory.SubFactory(UserFactory)
    decided_at = factory.LazyAttribute(lambda c: timezone.now() if c.outcome else None)
    outcome_reason = factory.LazyAttribute(lambda c: "保持" if c.outcome else "")
