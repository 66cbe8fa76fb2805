"""API tokens expire (PERFLOOP_TOKEN_DAYS, 90 by default), and each person lists and revokes their
own on a page; nobody reaches another's."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from perfloop.api.models import ApiToken

pytestmark = pytest.mark.django_db


def _script(token):
    return Client(headers={"authorization": f"Bearer {token}"})


def test_a_token_works_until_it_expires(org, settings):
    settings.PERFLOOP_TOKEN_DAYS = 30
    token = ApiToken.issue(org.user("employee"))
    made = ApiToken.objects.get()
    assert abs(made.expires_at - (timezone.now() + dt.timedelta(days=30))) < dt.timedelta(minutes=1)
    assert _script(token).get("/api/v1/me").status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert _script(token).get("/api/v1/me").status_code == 401


def test_a_person_makes_lists_and_revokes_their_own_tokens(org, browser_like):
    page = browser_like("employee", "zh-hans")
    url = reverse("tokens:list")
    made = page.submit(url, url, {"label": "周报脚本", "days": "7"})
    html = made.content.decode()
    token = html.split('<code class="user-select-all">')[1].split("</code>")[0]
    assert (
        made.status_code == 200
        and "请现在复制" in html
        and _script(token).get("/api/v1/me").status_code == 200
    )
    mine = ApiToken.objects.get(user=org.user("employee"))
    assert mine.label == "周报脚本" and (mine.expires_at - timezone.now()).days == 6
    assert token not in page.get(url).content.decode()  # shown once

    wrong = page.submit(url, url, {"label": "太久", "days": "999"})
    assert wrong.status_code == 400 and 'value="太久"' in wrong.content.decode()
    assert ApiToken.objects.count() == 1

    other = ApiToken.issue(org.user("manager"))
    theirs = ApiToken.objects.get(user=org.user("manager"))
    assert page.submit(url, reverse("tokens:revoke", args=[theirs.pk]), {}).status_code == 404
    assert _script(other).get("/api/v1/me").status_code == 200
    assert page.submit(url, reverse("tokens:revoke", args=[mine.pk]), {}).status_code == 302
    assert _script(token).get("/api/v1/me").status_code == 401


def test_the_command_gives_a_token_for_the_days_asked(org):
    out = __import__("io").StringIO()
    call_command("issue_token", "employee", "--days", "10", "--label", "CI", stdout=out)
    assert out.getvalue().startswith("pl_") and ApiToken.objects.get().label == "CI"
