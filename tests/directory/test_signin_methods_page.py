"""Administrators set up the sign-in methods on their settings page or over the API: the ids and
the secret entered there (the secret never shown back, anywhere), a method switched on only when
complete, addresses over https only; the login page then offers it, and the directory it names
can be synced. Nobody else may change how people sign in."""

import pytest

from perfloop.access.models import HRAssignment
from perfloop.directory.models import SignInMethod
from tests.api.conftest import send
from tests.directory.oidc_provider import CLIENT_SECRET
from tests.directory.test_oidc_signin import sign_in
from tests.org.factories import UserFactory


def page_fields(provider) -> dict:
    found = {k: v for k, v in provider.settings().items() if k != "secret"}
    return {**found, "on": "on", "secret": CLIENT_SECRET}


@pytest.mark.django_db
def test_an_administrator_sets_up_openid_connect_on_the_page_and_people_sign_in(
    org, oidc_provider, settings, browser_like
):
    settings.PERFLOOP_SIGNIN_ENVIRONMENT = {}
    settings.PERFLOOP_BASE_URL = "http://testserver"
    oidc_provider.redirect_uri, oidc_provider.tamper = "http://testserver/directory/signin/oidc/callback/", ""
    admin = browser_like("admin")
    answer = admin.submit("/directory/methods/oidc/", "/directory/methods/oidc/", page_fields(oidc_provider))
    assert answer.status_code == 302 and SignInMethod.objects.get(source="oidc").on
    for page in ("/directory/methods/", "/directory/methods/oidc/"):
        shown = admin.get(page).content.decode()
        assert CLIENT_SECRET not in shown and "Set (not shown)" in shown
        assert "http://testserver/directory/signin/oidc/callback/" in shown  # to register with the provider
    assert "Sign in with OpenID Connect" in browser_like("anonymous").get("/accounts/login/").content.decode()
    client, _answer = sign_in(oidc_provider, {"sub": "kc-1001", "employee_number": "E0001"})
    assert int(client.session["_auth_user_id"]) == org.user("employee").pk
    # Saved again without a secret: the one kept stays.
    admin.submit(
        "/directory/methods/oidc/", "/directory/methods/oidc/", {**page_fields(oidc_provider), "secret": ""}
    )
    assert SignInMethod.objects.get(source="oidc").secret == CLIENT_SECRET


@pytest.mark.django_db
def test_an_incomplete_method_is_not_switched_on_and_what_was_typed_stays(org, settings, browser_like):
    settings.PERFLOOP_SIGNIN_ENVIRONMENT = {}
    admin = browser_like("admin", language="zh-hans")
    typed = {"on": "on", "client_id": "perfloop", "token_endpoint": "http://10.1.2.3/token"}
    answer = admin.submit("/directory/methods/oidc/", "/directory/methods/oidc/", typed)
    page = answer.content.decode()
    assert answer.status_code == 400 and not SignInMethod.objects.exists()
    assert 'value="perfloop"' in page and "http://10.1.2.3/token" in page
    assert "请输入 https:// 地址" in page and "要开启它，请填写" in page


@pytest.mark.django_db
def test_only_administrators_change_how_people_sign_in(org, client_for):
    company_hr = UserFactory(username="company_hr")
    HRAssignment.objects.create(user=company_hr, department=org.company)
    org.users["company_hr"] = company_hr
    for role in ("company_hr", "hr_in_scope", "manager", "employee"):
        assert client_for(role).get("/directory/methods/").status_code == 403, role
        assert client_for(role).post("/directory/methods/wecom/", {"on": "on"}).status_code == 403, role
    assert not SignInMethod.objects.exists()


@pytest.mark.django_db
def test_the_api_reads_and_changes_a_method_and_never_shows_a_secret(org, settings, api_client, services_on):  # noqa: F811
    settings.PERFLOOP_SIGNIN_ENVIRONMENT = {
        "wecom": {k: v for k, v in services_on.settings("wecom").items() if k != "secret"}
    }
    admin = api_client("admin")
    status, refused = send(admin, "patch", "/api/v1/signin-methods/wecom", {"on": True})
    assert (
        status == 400 and "密钥" in refused["detail"]
    )  # in the language the script asked for (default zh-hans)
    status, changed = send(
        admin, "patch", "/api/v1/signin-methods/wecom", {"on": True, "secret": "wecom-app-secret"}
    )
    assert (
        status == 200 and changed["on"] and changed["secret_set"] and "wecom-app-secret" not in str(changed)
    )
    status, listed = send(admin, "get", "/api/v1/signin-methods")
    assert status == 200 and "wecom-app-secret" not in str(listed)
    assert [m["source"] for m in listed if m["on"]] == ["wecom"]
    # The directory it names is synced too.
    status, queued = send(admin, "post", "/api/v1/directory/syncs", {"source": "wecom", "apply": False})
    assert status == 202
    assert send(api_client("manager"), "get", "/api/v1/signin-methods")[0] == 403
    assert send(api_client("hr_in_scope"), "patch", "/api/v1/signin-methods/wecom", {"on": False})[0] == 403
