import pytest
from django.utils import translation

from perfloop.feedback import services
from perfloop.reviews.models import ReviewCycle
from tests.reviews.conftest import cycle, scored  # noqa: F401  (the review stage's scored cycle)


@pytest.fixture
def in_feedback(scored):  # noqa: F811
    """刘洋's scored cycle, published for feedback."""
    ReviewCycle.objects.filter(pk=scored.pk).update(status=ReviewCycle.Status.FEEDBACK)
    scored.refresh_from_db()
    return scored


@pytest.fixture
def record(in_feedback, org):
    """The manager's conversation with 刘洋, opened from the result (suggestions written in English)."""
    with translation.override("en"):
        return services.start(cycle=in_feedback, employee=org.employee, by=org.user("manager"))


def held(record, org, **texts):
    """The record written and marked held (the employee is asked to answer)."""
    import datetime as dt

    services.save_texts(record=record, by=org.user("manager"), **texts)
    services.mark_held(record=record, by=org.user("manager"), held_on=dt.date(2023, 10, 10))
    record.refresh_from_db()
    return record


from tests.api.conftest import api_client  # noqa: E402, F401  (CSRF-enforcing bearer/session clients)
