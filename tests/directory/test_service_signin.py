"""Sign-in with DingTalk, WeCom and Feishu against a stand-in on 127.0.0.1 that checks what each
service checks (the app's key and secret, one-time codes tied to their redirect address, Feishu's
PKCE): by QR code from the login page and without a password inside the service's workbench; the
person is the employee the directory id (then the number) finds, never someone new; a stranger,
a replayed code or a state this browser never got signs nobody in, with the reason, counted by
the lockout."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client

from perfloop.directory.models import PersonLink
from tests.directory.login_pages import sent_back_from

SERVICES = ["dingtalk", "wecom", "feishu"]
ADDRESS = "10.0.0.3"


def browser(language="en"):
    return Client(REMOTE_ADDR=ADDRESS, headers={"accept-language": language})


def back_to_us(client, location: str):
    back = urlsplit(location)
    assert back.netloc == "testserver", location  # the redirect address configured
    return client.get(back.path, parse_qs(back.query))


def qr_sign_in(standin, service, client=None):
    client = client or browser()
    started = client.get(f"/directory/signin/{service}/", {"next": "/plans/"})
    assert started.status_code == 302 and started["Location"].startswith(standin.url), started
    return client, back_to_us(client, sent_back_from(started["Location"]))


def in_app_sign_in(standin, service, client=None):
    """Opened from the service's workbench: WeCom's OAuth page, or the JS API's code."""
    client = client or browser()
    page = client.get(f"/directory/signin/{service}/app/")
    if service == "wecom":
        assert page["Location"].startswith(f"{standin.url}/connect/oauth2/authorize?")
        return client, back_to_us(client, sent_back_from(page["Location"]))
    html = page.content.decode()
    assert page.status_code == 200 and standin.settings(service)["jsapi"] in html
    assert standin.settings(service)["jsapi"] in page["Content-Security-Policy"]  # this page alone
    state = re.search(r'data-state="([^"]+)"', html).group(1)
    code = standin.issue_code(service, in_app=True)  # what the JS API hands the page
    return client, client.get(f"/directory/signin/{service}/callback/", {"code": code, "state": state})


def refusal(client) -> str:
    return client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("service", SERVICES)
def test_the_qr_code_signs_in_the_employee_and_links_them(org, services_on, service):
    client, answer = qr_sign_in(services_on, service)
    assert answer.status_code == 302 and answer["Location"] == "/plans/"
    assert int(client.session["_auth_user_id"]) == org.user("employee").pk
    expected = {"dingtalk": "u-liu", "wecom": "E0001", "feishu": "u-liu"}[service]
    assert PersonLink.objects.get(source=service).external_id == expected
    assert client.get("/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("service", SERVICES)
def test_inside_the_workbench_no_password_is_asked(org, services_on, service):
    client, answer = in_app_sign_in(services_on, service)
    assert answer.status_code == 302 and int(client.session["_auth_user_id"]) == org.user("employee").pk


@pytest.mark.django_db
@pytest.mark.parametrize("service", SERVICES)
def test_someone_from_outside_the_company_is_refused_with_the_reason(org, services_on, service):
    services_on.outsiders.add("u-liu")  # the same person, as another company's member
    users = get_user_model().objects.count()
    client, answer = qr_sign_in(services_on, service)
    assert answer["Location"] == "/accounts/login/" and "_auth_user_id" not in client.session
    assert {"dingtalk": "not a member of this company", "wecom": "not a member of this company",
            "feishu": "belongs to another company"}[service] in refusal(client)  # fmt: skip
    assert get_user_model().objects.count() == users and not PersonLink.objects.exists()
    assert AccessAttempt.objects.filter(ip_address=ADDRESS).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("service", SERVICES)
def test_someone_the_organisation_does_not_know_is_refused(org, services_on, service):
    services_on.signed_in[service] = "u-zhao"  # in the directory, not yet in PerfLoop
    client, _answer = qr_sign_in(services_on, service, browser("zh-hans"))
    assert "_auth_user_id" not in client.session and "您的目录账号未关联 PerfLoop 中的任何人" in refusal(
        client
    )


@pytest.mark.django_db
def test_a_code_is_good_once_and_only_in_the_browser_that_asked_for_it(org, services_on):
    victim = browser()
    started = victim.get("/directory/signin/feishu/")
    location = sent_back_from(started["Location"])
    attacker = browser()
    planted = back_to_us(attacker, location)  # a sign-in link planted in someone else's browser
    assert planted["Location"] == "/accounts/login/" and "_auth_user_id" not in attacker.session
    assert back_to_us(victim, location).status_code == 302 and "_auth_user_id" in victim.session
    victim.logout()
    assert back_to_us(victim, location)["Location"] == "/accounts/login/"  # the state was used
    assert "_auth_user_id" not in victim.session


@pytest.mark.django_db
def test_a_wrong_app_secret_signs_nobody_in_and_says_why(org, services_on, settings):
    settings.PERFLOOP_SIGNIN_ENVIRONMENT["dingtalk"]["secret"] = "not-the-secret"
    client, _answer = qr_sign_in(services_on, "dingtalk")
    assert "_auth_user_id" not in client.session and "clientSecret is invalid" in refusal(client)


@pytest.mark.django_db
def test_the_login_page_offers_each_method_that_is_on(org, services_on):
    page = browser().get("/accounts/login/", {"next": "/plans/"}).content.decode()
    for label in ("DingTalk (钉钉)", "WeCom (企业微信)", "Feishu / Lark (飞书)"):
        assert f"Sign in with {label}" in page
    assert "/directory/signin/feishu/?next=%2Fplans%2F" in page
