# The later stages' records, for the tests that check who reads them.
from tests.api.conftest import api_client  # noqa: F401
from tests.feedback.conftest import in_feedback, record  # noqa: F401
from tests.followup.conftest import following  # noqa: F401
from tests.reviews.conftest import cycle, scored  # noqa: F401
