"""What the directory sign-in pages share (OpenID Connect's and DingTalk's, WeCom's, Feishu's): the
address a provider sends people back to, fixed by PERFLOOP_BASE_URL whatever the Host header
says; the backend that reads the session afterwards (ours: a closed account is out on its next
request); and the way back to the login page with the reason."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from perfloop.directory.models import Source

SIGNED_IN_BY = "perfloop.accounts.backends.ModelBackend"


def redirect_address(source: str) -> str:
    """Where the provider sends people back: registered with it."""
    if source == Source.OIDC:
        return settings.PERFLOOP_BASE_URL + reverse("directory:oidc_callback")
    return settings.PERFLOOP_BASE_URL + reverse("directory:signin_callback", args=[source])


def back_to_login(request, reason: str = ""):
    messages.error(request, reason or _("The sign-in did not complete (it may have expired). Try again."))
    return redirect("accounts:login")


def not_set_up(request):
    return back_to_login(
        request, _("This sign-in method is not set up. Sign in with your password, or ask an administrator.")
    )
