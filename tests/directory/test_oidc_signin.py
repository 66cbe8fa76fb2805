"""Sign-in with OpenID Connect against a provider on 127.0.0.1 that signs real ID tokens: the
code flow with state, nonce and PKCE; the token verified for signature, issuer, audience, expiry
and nonce; the person is the employee found by the token's subject (then number, e-mail, mobile),
never a new account; the provider's groups give rights only as the mapping says; every refusal
reaches the login page with its reason and counts for the lockout."""

from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client

from perfloop.access.models import HRAssignment
from perfloop.directory.models import DirectoryGrant, PersonLink
from tests.directory.login_pages import sent_back_from

START = "/directory/signin/oidc/"


def sign_in(provider, who: dict, *, client=None, language="en"):
    provider.who = who
    client = client or Client(headers={"accept-language": language}, REMOTE_ADDR="10.0.0.2")
    started = client.get(START, {"next": "/plans/"})
    assert started.status_code == 302 and started["Location"].startswith(provider.url + "/auth?")
    back = urlsplit(sent_back_from(started["Location"]))
    answer = client.get(back.path, parse_qs(back.query))
    return client, answer


def messages_of(client) -> str:
    return client.get("/accounts/login/").content.decode()


@pytest.mark.django_db
def test_the_provider_signs_in_the_employee_and_the_subject_links_them(org, oidc_on):
    client, answer = sign_in(oidc_on, {"sub": "kc-1001", "employee_number": org.employee.employee_no})
    assert answer.status_code == 302 and answer["Location"] == "/plans/"  # back where they were going
    assert int(client.session["_auth_user_id"]) == org.user("employee").pk
    assert PersonLink.objects.get(source="oidc").external_id == "kc-1001"
    assert client.get("/").status_code == 200
    # Once linked, the subject finds them whatever else the provider says.
    _client, again = sign_in(oidc_on, {"sub": "kc-1001", "employee_number": "a-number-nobody-has"})
    assert int(_client.session["_auth_user_id"]) == org.user("employee").pk


@pytest.mark.django_db
def test_state_nonce_and_pkce_are_sent_and_the_redirect_address_is_the_configured_one(org, oidc_on):
    sign_in(oidc_on, {"sub": "kc-1001", "employee_number": org.employee.employee_no})
    asked, exchanged = oidc_on.authorize_requests[-1], oidc_on.token_requests[-1]
    assert len(asked["state"]) >= 32 and len(asked["nonce"]) >= 32
    assert asked["code_challenge_method"] == "S256" and len(exchanged["code_verifier"]) >= 43
    assert (
        asked["redirect_uri"]
        == exchanged["redirect_uri"]
        == "http://testserver/directory/signin/oidc/callback/"
    )


@pytest.mark.django_db
@pytest.mark.parametrize("tamper", ["audience", "issuer", "expired", "nonce", "signature", "none", "hs256"])
def test_an_id_token_wrong_in_any_way_signs_nobody_in(org, oidc_on, tamper):
    oidc_on.tamper = tamper
    client, answer = sign_in(oidc_on, {"sub": "kc-1001", "employee_number": org.employee.employee_no})
    assert answer.status_code == 302 and answer["Location"] == "/accounts/login/"
    assert "_auth_user_id" not in client.session and not PersonLink.objects.exists()
    assert "could not be verified" in messages_of(client)
    assert AccessAttempt.objects.filter(ip_address="10.0.0.2").exists()  # counted by the lockout


@pytest.mark.django_db
def test_a_callback_this_browser_did_not_start_or_used_already_is_refused(org, oidc_on):
    oidc_on.who = {"sub": "kc-1001", "employee_number": org.employee.employee_no}
    victim = Client()
    started = victim.get(START)
    back = urlsplit(sent_back_from(started["Location"]))
    attacker = Client()  # a login link planted in someone else's browser (login CSRF)
    planted = attacker.get(back.path, parse_qs(back.query))
    assert planted["Location"] == "/accounts/login/" and "_auth_user_id" not in attacker.session
    done = victim.get(back.path, parse_qs(back.query))
    assert done.status_code == 302 and "_auth_user_id" in victim.session
    victim.logout()
    replayed = victim.get(back.path, parse_qs(back.query))
    assert replayed["Location"] == "/accounts/login/" and "_auth_user_id" not in victim.session


@pytest.mark.django_db
def test_someone_matching_nobody_is_refused_with_the_reason_and_given_nothing(org, oidc_on):
    users = get_user_model().objects.count()
    client, _answer = sign_in(
        oidc_on, {"sub": "kc-stranger", "email": "stranger@example.com"}, language="zh-hans"
    )
    assert "您的目录账号未关联 PerfLoop 中的任何人" in messages_of(client)
    assert "_auth_user_id" not in client.session and get_user_model().objects.count() == users


@pytest.mark.django_db
def test_an_email_the_provider_has_not_verified_matches_nobody(org, oidc_on):
    address = org.employee.email or "liuyang@example.com"
    org.employee.email = address
    org.employee.save()
    client, _answer = sign_in(oidc_on, {"sub": "kc-9", "email": address, "email_verified": False})
    assert "_auth_user_id" not in client.session
    client, _answer = sign_in(oidc_on, {"sub": "kc-9", "email": address, "email_verified": True})
    assert int(client.session["_auth_user_id"]) == org.user("employee").pk


@pytest.mark.django_db
def test_rights_come_from_the_mapped_group_only_and_go_with_it(org, oidc_on):
    who = {"sub": "kc-1001", "employee_number": org.employee.employee_no, "groups": ["staff"]}
    company_wide = HRAssignment.objects.filter(user=org.user("employee"), department=org.company)
    sign_in(oidc_on, who)
    assert not company_wide.exists()
    sign_in(oidc_on, {**who, "groups": ["staff", "perfloop-hr"]})
    assert (
        company_wide.exists() and DirectoryGrant.objects.filter(user=org.user("employee"), role="hr").exists()
    )
    sign_in(oidc_on, who)
    assert not company_wide.exists() and not DirectoryGrant.objects.exists()


@pytest.mark.django_db
def test_an_account_locked_by_failed_passwords_is_not_opened_by_the_provider(org, oidc_on):
    username = org.user("employee").username
    for _ in range(5):
        Client().post(
            "/accounts/login/", {"username": username, "password": "wrong"}, REMOTE_ADDR="10.0.0.2"
        )  # where the provider's sign-in comes from
    client, _answer = sign_in(oidc_on, {"sub": "kc-1001", "employee_number": org.employee.employee_no})
    assert "_auth_user_id" not in client.session and "Too many failed sign-ins" in messages_of(client)


@pytest.mark.django_db
def test_a_method_not_set_up_sends_back_to_the_login_page_with_the_reason(org, settings):
    settings.PERFLOOP_SIGNIN_ENVIRONMENT = {}
    client = Client(headers={"accept-language": "en"})
    answer = client.get(START)
    assert answer["Location"] == "/accounts/login/" and "not set up" in messages_of(client)
    assert "Sign in with" not in client.get("/accounts/login/").content.decode()
