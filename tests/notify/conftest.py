from tests.api.conftest import api_client  # noqa: F401  (CSRF-enforcing bearer/session clients)
from tests.followup.conftest import following  # noqa: E402, F401
from tests.plans.conftest import cycle, in_feedback, plan, record, scored  # noqa: F401
