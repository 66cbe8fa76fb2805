import datetime as dt

import pytest
from django.utils import timezone

from perfloop.plans.models import Plan
from tests.plans.conftest import cycle, in_feedback, plan, ready, record, scored  # noqa: F401  (刘洋's draft plan from every source)  # noqa: F401
from tests.plans.factories import GoalFactory, MilestoneFactory, PlanFactory, SupportFactory


@pytest.fixture
def active(plan, org):  # noqa: F811
    """刘洋's plan, sent and acknowledged (as the plan stage's lifecycle leaves it): active."""
    plan.goals.update(means="每周2次学习", deadline=plan.end_date)
    now = timezone.now()
    Plan.objects.filter(pk=plan.pk).update(
        status="active", submitted_at=now, first_sent_at=now, acknowledged_at=now
    )
    plan.refresh_from_db()
    return plan


from tests.api.conftest import api_client  # noqa: E402, F401  (CSRF-enforcing bearer/session clients)


@pytest.fixture
def following(org):
    """刘洋's active plan, begun three weeks ago: a goal, a milestone passed yesterday, a promise due later."""
    today = timezone.localdate()
    followed = PlanFactory(
        employee=org.employee, owner=org.user("manager"), title="产品知识提升", status="active",
        start_date=today - dt.timedelta(days=21), end_date=today + dt.timedelta(days=40),
    )  # fmt: skip
    goal = GoalFactory(
        plan=followed, description="产品知识测试85分", metric="产品知识测试", unit="分", baseline=65, target=85,
        means="每周2次学习", source="产品知识",
    )  # fmt: skip
    MilestoneFactory(
        plan=followed, goal=goal, title="2周内达到75分", due=today - dt.timedelta(days=1), expected=75
    )
    SupportFactory(plan=followed, kind="budget", text="产品培训课程费用", due=today + dt.timedelta(days=30))
    return followed, goal
