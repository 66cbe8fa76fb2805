from tests.api.conftest import api_client  # noqa: F401  (CSRF-enforcing bearer/session clients)
