import pytest

from tests.api.conftest import api_client  # noqa: F401  (CSRF-enforcing bearer/session clients)
from tests.directory import slapd as directory


@pytest.fixture(scope="session")
def slapd_server():
    server = directory.Slapd()
    yield server
    server.stop()


@pytest.fixture
def ldap_on(slapd_server, settings):
    """Sign-in with the test's slapd, as PERFLOOP_LDAP_* configure it; the directory as loaded."""
    from perfloop.directory.ldap_config import auth_settings

    slapd_server.load()
    for name, value in auth_settings(
        url=slapd_server.url, bind_dn=directory.BIND_DN, bind_password=directory.BIND_PASSWORD,
        base=directory.BASE, user_filter="(uid=%(user)s)", group_base=f"ou=groups,{directory.BASE}",
        group_type="groupOfNames", id_attribute="entryUUID",
    ).items():  # fmt: skip
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [
        settings.AUTHENTICATION_BACKENDS[0], "perfloop.directory.ldap.LDAPBackend", *settings.AUTHENTICATION_BACKENDS[1:]
    ]  # fmt: skip
    settings.PERFLOOP_LDAP_ROLE_GROUPS = {"hr": directory.HR_GROUP, "admin": ""}
    settings.PERFLOOP_LDAP_URL = slapd_server.url
    settings.PERFLOOP_LDAP_DEPARTMENT_BASE = directory.ROOT
    return slapd_server


@pytest.fixture(scope="session")
def oidc_provider():
    from tests.directory.oidc_provider import Provider

    provider = Provider()
    yield provider
    provider.close()


@pytest.fixture
def oidc_on(oidc_provider, settings):
    """Sign-in with the test's OpenID provider, as PERFLOOP_OIDC_* configure it."""
    settings.PERFLOOP_BASE_URL = "http://testserver"
    settings.PERFLOOP_SIGNIN_ENVIRONMENT = {"oidc": oidc_provider.settings()}
    oidc_provider.redirect_uri = "http://testserver/directory/signin/oidc/callback/"
    oidc_provider.tamper = ""
    return oidc_provider


@pytest.fixture(scope="session")
def services_standin():
    from tests.directory.services_standin import Services

    server = Services()
    yield server
    server.close()


@pytest.fixture
def services_on(services_standin, settings):
    """DingTalk, WeCom and Feishu played by the stand-in, as PERFLOOP_<SERVICE>_* configure them."""
    from perfloop.directory.service_http import Client

    services_standin.reset()
    Client._tokens.clear()  # each test fetches its own tokens
    settings.PERFLOOP_BASE_URL = "http://testserver"
    settings.PERFLOOP_SIGNIN_ENVIRONMENT = {
        service: services_standin.settings(service) for service in ("dingtalk", "wecom", "feishu")
    }
    return services_standin
