import pytest  # noqa: E402

from tests.api.conftest import api_client  # noqa: F401  (CSRF-enforcing bearer/session clients)
from tests.followup.conftest import following  # noqa: E402, F401
from tests.plans.conftest import cycle, in_feedback, plan, record, scored  # noqa: F401


@pytest.fixture
def conversation(in_feedback, org):  # noqa: F811
    """刘洋's feedback conversation, opened and not held yet."""
    from perfloop.reviews.models import Result
    from tests.feedback.factories import FeedbackRecordFactory

    result = Result.objects.get(cycle=in_feedback, employee=org.employee)
    return FeedbackRecordFactory(result=result, holder=org.user("manager"))
