"""The API fuzzed from its own OpenAPI schema, as HR and as an employee, each with a bearer token.

Every operation gets generated valid and invalid requests (bounded: a fixed number of examples
per operation, each sent once per role; fewer on PostgreSQL, see EXAMPLES); no answer may be a 5xx, and every answer must match
the schema: its status code listed, its body of the declared shape.
"""

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from perfloop.api.api import api
from perfloop.api.models import ApiToken
from tests.reviews.walk import cycle_with_result

# Examples per operation: 40 on SQLite (the examples are derandomized, so each run sends the same
# ones: more would repeat the same answers at the cost of a minute of the suite); on PostgreSQL
# (where each request costs more) the first 30, for what only PostgreSQL refuses (NUL characters,
# lengths), which the generator tries early.
EXAMPLES = 30 if os.environ.get("DATABASE_URL", "").startswith("postgres") else 40

# A well-formed request may still be refused by a business rule: a file with bad rows (400), a
# cycle name in use (409), a file over the size limit (413), or what the role may not see.
CONFIG = schemathesis.config.SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {
                "expected-statuses": ["2XX", "400", "401", "403", "404", "409", "413"]
            }
        }
    }
)
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
schema.app = WSGIHandler()


@pytest.fixture
def tokens(org, settings):
    settings.ALLOWED_HOSTS = ["localhost"]  # the host schemathesis sends in-process
    cycle_with_result(org)
    # A WSGI request would close the test's connection (and its transaction) when it ends, as a
    # server closes old connections; Django's own test client turns that off in the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield [ApiToken.issue(org.user(role)) for role in ("hr_in_scope", "employee")]
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, tokens):
    body = case.body
    if isinstance(body, dict) and all(isinstance(body.get(k), str) for k in ("start_date", "end_date")):
        # The one rule JSON Schema cannot state (it is in the field's description): a cycle ends
        # on or after its start. Generated dates are put in order; the rule has tests of its own.
        body["start_date"], body["end_date"] = sorted([body["start_date"], body["end_date"]])
    for token in tokens:
        case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
