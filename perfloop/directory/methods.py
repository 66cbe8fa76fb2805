"""The sign-in methods beside local passwords and LDAP: OpenID Connect, DingTalk, WeCom, Feishu.
Each method's settings are the environment's (PERFLOOP_<METHOD>_<NAME>) with what an
administrator entered on the settings page over them; a method is on when it is switched on (or,
never touched on the page, configured in the environment) and its ids and secret are known. The
secret is read here and nowhere shown."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from perfloop.directory.models import SignInMethod, Source

# What an administrator may enter for each method (besides the secret); the services' addresses
# are the deployment's (PERFLOOP_<METHOD>_*_BASE), never the page's.
FIELDS = {
    Source.OIDC: {
        "client_id": _("Client ID"),
        "issuer": _("Issuer"),
        "authorization_endpoint": _("Authorization endpoint"),
        "token_endpoint": _("Token endpoint"),
        "userinfo_endpoint": _("User info endpoint"),
        "jwks_endpoint": _("Signing keys (JWKS) endpoint"),
        "number_claim": _("Claim holding the employee number"),
        "groups_claim": _("Claim holding the groups"),
        "hr_group": _("Group whose members are HR for the whole organisation"),
        "admin_group": _("Group whose members are administrators"),
    },
    Source.DINGTALK: {"client_id": _("Client ID (AppKey)"), "corp_id": _("Corp ID")},
    Source.WECOM: {"corp_id": _("Corp ID"), "agent_id": _("Agent ID")},
    Source.FEISHU: {"client_id": _("App ID")},
}
REQUIRED = {
    Source.OIDC: ("client_id", "issuer", "authorization_endpoint", "token_endpoint", "jwks_endpoint"),
    Source.DINGTALK: ("client_id", "corp_id"),
    Source.WECOM: ("corp_id", "agent_id"),
    Source.FEISHU: ("client_id",),
}
DEFAULTS = {
    Source.OIDC: {"number_claim": "employee_number", "groups_claim": "groups"},
    Source.DINGTALK: {
        "api_base": "https://api.dingtalk.com",
        "oapi_base": "https://oapi.dingtalk.com",
        "login_base": "https://login.dingtalk.com",
        "jsapi": "https://g.alicdn.com/dingding/dingtalk-jsapi/3.0.42/dingtalk.open.js",
    },
    Source.WECOM: {
        "api_base": "https://qyapi.weixin.qq.com",
        "login_base": "https://login.work.weixin.qq.com",
        "oauth_base": "https://open.weixin.qq.com",
    },
    Source.FEISHU: {
        "api_base": "https://open.feishu.cn",
        "login_base": "https://accounts.feishu.cn",
        "jsapi": "https://lf1-cdn-tos.bytegoofy.com/goofy/lark/op/h5-js-sdk-1.5.30.js",
    },
}


@dataclass(frozen=True)
class Method:
    source: str
    options: dict
    secret: str

    def __getitem__(self, name: str) -> str:
        return self.options.get(name, "")

    @property
    def label(self) -> str:
        return Source(self.source).label


def _row(source: str) -> SignInMethod | None:
    return SignInMethod.objects.filter(source=source).first()


def settings_of(source: str, row: SignInMethod | None = None) -> tuple[bool, dict, str]:
    """(switched on, options, secret) as the environment and the page make them."""
    environment = dict(settings.PERFLOOP_SIGNIN_ENVIRONMENT.get(source, {}))
    secret = environment.pop("secret", "") or environment.pop("client_secret", "")
    options = {**DEFAULTS.get(source, {}), **environment}
    if row is None:
        return bool(environment), options, secret
    options.update({k: v for k, v in row.options.items() if k in FIELDS[source] and v})
    return row.on, options, row.secret or secret


def _complete(source: str, row: SignInMethod | None) -> Method | None:
    """The method when it is switched on and its ids and secret are known."""
    on, options, secret = settings_of(source, row)
    if not on or not secret or not all(options.get(name) for name in REQUIRED[source]):
        return None
    return Method(source, options, secret)


def method(source: str) -> Method | None:
    """The method when it is on and complete; None otherwise."""
    return _complete(source, _row(source)) if source in FIELDS else None


def available() -> list[Method]:
    """The methods a person may sign in with now, in the login page's order (one query)."""
    rows = {row.source: row for row in SignInMethod.objects.all()}
    return [found for source in FIELDS if (found := _complete(source, rows.get(source))) is not None]


def login_buttons(next_url: str) -> list[tuple[str, str]]:
    """The login page's buttons: one per method on (LDAP signs in through the form itself)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    query = f"?{urlencode({'next': next_url})}" if next_url else ""
    return [
        (m.label, reverse("directory:oidc_start") + query if m.source == Source.OIDC
         else reverse("directory:signin_start", args=[m.source]) + query)
        for m in available()
    ]  # fmt: skip
