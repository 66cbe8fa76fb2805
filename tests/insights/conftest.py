from tests.followup.conftest import api_client, following  # noqa: F401  (刘洋's active plan; CSRF-enforcing clients)
