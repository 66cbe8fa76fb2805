"""API clients as real clients are: CSRF enforced, signed in by a bearer token or by a session."""

import json

import pytest
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from perfloop.api.models import ApiToken
from tests.reviews.conftest import cycle, scored  # noqa: F401  (shared review fixtures)

WAYS = ["bearer", "session"]


@pytest.fixture(params=WAYS)
def api_client(request, org):
    """api_client(role): a CSRF-enforcing client that signs in the way this test's parameter says.

    A script sends only its token (no cookie, no CSRF token); a browser sends its session cookie
    and the CSRF token from its cookie in the X-CSRFToken header.
    """

    def make(role):
        if request.param == "bearer":
            token = ApiToken.issue(org.user(role))
            return Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})
        client = Client(enforce_csrf_checks=True)
        client.force_login(org.user(role))
        secret = _get_new_csrf_string()
        client.cookies["csrftoken"] = secret
        client.defaults["HTTP_X_CSRFTOKEN"] = secret
        return client

    make.way = request.param
    return make


def send(client, method, url, body=None):
    """(status, JSON body or None) of a request as a script sends it: JSON in, JSON out."""
    if method == "get":
        response = client.get(url)
    else:
        response = getattr(client, method)(url, json.dumps(body or {}), content_type="application/json")
    kind = response.get("Content-Type", "")
    return response.status_code, response.json() if kind.startswith("application/json") else None
