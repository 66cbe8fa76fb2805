import pytest

from perfloop.plans import services as plans
from tests.plans.conftest import cycle, in_feedback, plan, ready, record, scored  # noqa: F401  (刘洋's draft plan from every source)  # noqa: F401


@pytest.fixture
def active(plan, org):  # noqa: F811
    """刘洋's plan, sent and acknowledged: active."""
    plan = ready(plan, org)
    plans.acknowledge(plan=plan, by=org.user("employee"))
    plan.refresh_from_db()
    return plan


from tests.api.conftest import api_client  # noqa: E402, F401  (CSRF-enforcing bearer/session clients)
