import datetime as dt

import pytest
from django.utils import translation

from perfloop.feedback.models import FeedbackRequest
from perfloop.plans import drafting, editing, lifecycle, sources
from perfloop.reviews.models import Result
from tests.feedback.conftest import in_feedback  # noqa: F401  (刘洋's scored cycle, in feedback)
from tests.feedback.factories import FeedbackRecordFactory
from tests.reviews.conftest import cycle, scored  # noqa: F401  (the review stage's scored cycle)

START = dt.date(2023, 10, 16)
END = dt.date(2023, 12, 15)


@pytest.fixture
def record(in_feedback, org):  # noqa: F811
    """刘洋's feedback conversation, held, with a training request and a goal-clarity request."""
    found = FeedbackRecordFactory(
        result=Result.objects.get(cycle=in_feedback, employee=org.employee), holder=org.user("manager"),
        status="held", held_on=dt.date(2023, 10, 10),
    )  # fmt: skip
    FeedbackRequest.objects.bulk_create(
        [
            FeedbackRequest(record=found, kind="training", text="参加产品培训"),
            FeedbackRequest(record=found, kind="goal_clarity", text="明确季度目标"),
        ]
    )
    return found


@pytest.fixture
def plan(record, org):
    """The manager's draft for 刘洋 from every source: improvement items and requests."""
    with translation.override("en"):
        chosen = [c["key"] for c in sources.candidates(record.result, record)]
        return drafting.create(
            employee=org.employee,
            by=org.user("manager"),
            title="刘洋的绩效改进计划",
            start_date=START,
            end_date=END,
            result=record.result,
            feedback=record,
            chosen=chosen,
        )


def ready(plan, org):
    """Every goal given means and a deadline, then the draft sent to the employee."""
    for goal in plan.goals.all():
        editing.update_goal(goal=goal, by=org.user("manager"), means="每周2次学习", deadline=END)
    lifecycle.submit(plan=plan, by=org.user("manager"))
    plan.refresh_from_db()
    return plan


from tests.api.conftest import api_client  # noqa: E402, F401  (CSRF-enforcing bearer/session clients)
