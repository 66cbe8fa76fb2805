"""Sign-in with DingTalk, WeCom or Feishu: by QR code from the login page (the service's own login
page, back with a code) and without a password inside the service's workbench 免登 (WeCom: its
OAuth page; DingTalk and Feishu: their JS API asks for a code). Each start keeps a state (and for
Feishu a PKCE verifier) in the session; the callback accepts only a state this browser was given,
once, for this service. The redirect address is fixed by PERFLOOP_BASE_URL."""

import importlib

from django.conf import settings
from django.contrib.auth import authenticate, login
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import get_random_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET
from mozilla_django_oidc.utils import generate_code_challenge

from perfloop.accounts.views import SIGNIN_REFUSAL, slowed_down
from perfloop.directory import methods
from perfloop.directory.signin_pages import SIGNED_IN_BY, back_to_login, not_set_up, redirect_address

SERVICES = {
    source: (lambda module=module: importlib.import_module(f"perfloop.directory.{module}"))
    for source, module in (("dingtalk", "dingtalk"), ("wecom", "wecom"), ("feishu", "feishu"))
}  # fmt: skip
SESSION_KEY = "directory_signin_states"
KEPT = 5  # states kept per session: a few tabs at once, never a growing list


def _method(source: str):
    return methods.method(source) if source in SERVICES else None


def _new_state(request, source: str, *, in_app: bool) -> tuple[str, str]:
    state, verifier = get_random_string(32), get_random_string(64)
    following = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        following, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        following = ""
    kept = request.session.get(SESSION_KEY, {})
    kept = dict(list(kept.items())[-(KEPT - 1) :])
    kept[state] = {"source": source, "verifier": verifier, "next": following, "in_app": in_app}
    request.session[SESSION_KEY] = kept
    return state, verifier


@require_GET
def start(request, source: str):
    """The login page's button: to the service's QR-code login."""
    found = _method(source)
    if found is None:
        return not_set_up(request)
    state, verifier = _new_state(request, source, in_app=False)
    return redirect(SERVICES[source]().authorize_url(
        found, state=state, redirect_uri=redirect_address(source), challenge=generate_code_challenge(verifier, "S256")
    ))  # fmt: skip


@require_GET
def in_app(request, source: str):
    """The address set as the app's home in the service's workbench: signed in without a password."""
    found = _method(source)
    if found is None:
        return not_set_up(request)
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    state, _verifier = _new_state(request, source, in_app=True)
    if source == "wecom":
        return redirect(
            SERVICES[source]().in_app_url(found, state=state, redirect_uri=redirect_address(source))
        )
    response = render(request, "directory/in_app_signin.html", {
        "source": source, "label": found.label, "corp_id": found["corp_id"], "app_id": found["client_id"],
        "state": state, "js_api": found["jsapi"],
        "callback": reverse("directory:signin_callback", args=[source]),
    })  # fmt: skip
    # The service's JS API from where the deployment says, on this page alone.
    scripts = [*settings.SECURE_CSP["script-src"], found["jsapi"]]
    response._csp_config = {**settings.SECURE_CSP, "script-src": scripts}
    return response


@require_GET
def callback(request, source: str):
    slowed = slowed_down(request)
    if slowed:
        return slowed
    if _method(source) is None:
        return not_set_up(request)
    kept = request.session.get(SESSION_KEY, {})
    started = kept.pop(request.GET.get("state", ""), None)
    request.session[SESSION_KEY] = kept  # a state is used once
    code = request.GET.get("code") or request.GET.get("authCode") or ""
    if started is None or started["source"] != source or not code:
        return back_to_login(request)
    user = authenticate(
        request, service=source, service_code=code[:500], redirect_uri=redirect_address(source),
        verifier=started["verifier"], in_app=started["in_app"],
    )  # fmt: skip
    if user is None:
        return back_to_login(request, getattr(request, SIGNIN_REFUSAL, ""))
    login(request, user, backend=SIGNED_IN_BY)
    return redirect(started["next"] or settings.LOGIN_REDIRECT_URL)
