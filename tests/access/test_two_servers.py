"""Several app servers, one database: what must be consistent lives in the database, so a right
revoked is refused on the next request through every server, and the bell counts the same on each."""

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.test import Client

from perfloop.access.models import HRAssignment
from tests.notify.factories import NotificationFactory
from tests.notify.processes import ROOT, environment


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server() -> tuple[subprocess.Popen, str]:
    port = _port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "perfloop.wsgi:application", "--bind", f"127.0.0.1:{port}",
         "--workers", "1", "--log-level", "warning"],
        cwd=ROOT, env=environment(PERFLOOP_SECRET_KEY=settings.SECRET_KEY),
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            urllib.request.urlopen(url + "/accounts/login/", timeout=1)
            return process, url
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise AssertionError(process.stderr.read().decode()[-2000:])


def _get(url: str, cookie: str) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, ""


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.mark.django_db(transaction=True)
def test_two_servers_see_a_revoked_scope_and_the_bell_at_once(org):
    servers = [_server(), _server()]
    try:
        client = Client()
        client.force_login(org.user("hr_in_scope"))
        hr = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        client = Client()
        client.force_login(org.user("employee"))
        employee = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        page = f"/org/employees/{org.employee.pk}/"
        for _process, url in servers:  # each server has the HR's roles in its memory now
            assert _get(url + page, hr)[0] == 200
            assert _get(url + page, hr)[0] == 200
        HRAssignment.objects.filter(user=org.user("hr_in_scope")).delete()  # through neither server
        for _process, url in servers:
            assert _get(url + page, hr)[0] in (403, 404)

        NotificationFactory.create_batch(3, recipient=org.user("employee"))
        for _process, url in servers:
            status, html = _get(url + "/", employee)
            assert status == 200 and 'data-testid="unread">3<' in html
    finally:
        for process, _url in servers:
            process.terminate()
            process.wait(timeout=10)
