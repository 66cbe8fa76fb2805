"""Sign-in with any OpenID Connect provider (Keycloak, Authing, Azure AD…), by mozilla-django-oidc:
the authorization code flow with state, nonce and PKCE (S256), the redirect address fixed by
PERFLOOP_BASE_URL. The ID token is verified for its signature (the provider's published keys, the
algorithm fixed), issuer, audience, expiry and nonce; the person is then the employee `signin`
finds by the token's subject, never a new account; groups become rights only as the mapping
says. A refusal reaches the login page with its reason and counts as a failed sign-in."""

import logging

import jwt
import requests
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.utils.translation import gettext as _
from django.views import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from perfloop.accounts.backends import ModelBackend
from perfloop.accounts.views import SIGNIN_REFUSAL, slowed_down
from perfloop.directory import methods, signin
from perfloop.directory.models import Source
from perfloop.directory.signin_pages import SIGNED_IN_BY, back_to_login, not_set_up, redirect_address

log = logging.getLogger("perfloop.directory")


class OIDCBackend(OIDCAuthenticationBackend):
    """Called only by the callback below (it alone passes a nonce); reads its settings from
    `methods` when it is, not at start-up."""

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()

    def authenticate(self, request, nonce=None, code_verifier=None):
        found = methods.method(Source.OIDC)
        if request is None or nonce is None or found is None:
            return None
        self.method = found
        self.OIDC_OP_TOKEN_ENDPOINT = found["token_endpoint"]
        self.OIDC_OP_USER_ENDPOINT = found["userinfo_endpoint"]
        self.OIDC_OP_JWKS_ENDPOINT = found["jwks_endpoint"]
        self.OIDC_RP_CLIENT_ID = found["client_id"]
        self.OIDC_RP_CLIENT_SECRET = found.secret
        self.OIDC_RP_SIGN_ALGO = found["sign_algo"] or "RS256"
        self.OIDC_RP_IDP_SIGN_KEY = None
        try:
            return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)
        except (SuspiciousOperation, requests.RequestException, ValueError, KeyError) as failure:
            log.warning("OpenID Connect sign-in refused: %s", failure)
            setattr(
                request, SIGNIN_REFUSAL, _("The sign-in provider's answer could not be verified. Try again.")
            )
            raise PermissionDenied from None

    def get_token(self, payload):
        payload["redirect_uri"] = redirect_address(
            Source.OIDC
        )  # the address registered, whatever the Host header said
        return super().get_token(payload)

    def _verify_jws(self, payload, key):
        algorithm = jwt.get_unverified_header(payload).get("alg")
        if algorithm != self.OIDC_RP_SIGN_ALGO:  # never "none", never a key used as an HMAC secret
            raise SuspiciousOperation(f"ID token signed with {algorithm!r}")
        try:
            return jwt.decode(
                payload, key, algorithms=[algorithm], audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.method["issuer"], leeway=60,
                options={"require": ["exp", "iat", "iss", "aud", "sub"]},
            )  # fmt: skip
        except jwt.InvalidTokenError as invalid:
            raise SuspiciousOperation(f"ID token refused: {invalid}") from None

    def get_or_create_user(self, access_token, id_token, payload):
        found = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            info = self.get_userinfo(access_token, id_token, payload)
            if info.get("sub") != payload["sub"]:  # OpenID Connect Core 5.3.2
                raise SuspiciousOperation("the user info is about someone else")
            found.update(info)
        groups = found.get(self.method["groups_claim"]) or []
        mapping = {"hr": self.method["hr_group"], "admin": self.method["admin_group"]}
        claims = signin.Claims(
            source=Source.OIDC, external_id=str(payload["sub"]),
            employee_no=str(found.get(self.method["number_claim"]) or ""),
            # An address the provider has not verified could be anyone's: it matches nobody.
            email=str(found.get("email") or "") if found.get("email_verified", True) is not False else "",
            mobile=str(found.get("phone_number") or "") if found.get("phone_number_verified", True) is not False else "",
            groups=frozenset(role for role, group in mapping.items() if group and group in groups),
        )  # fmt: skip
        return signin.signed_in(self.request, claims)

    def get_user(self, user_id):
        return ModelBackend().get_user(user_id)


class Start(OIDCAuthenticationRequestView):
    def __init__(self, **kwargs):
        View.__init__(self, **kwargs)

    def get(self, request):
        self.method = methods.method(Source.OIDC)
        if self.method is None:
            return not_set_up(request)
        self.OIDC_OP_AUTH_ENDPOINT = self.method["authorization_endpoint"]
        self.OIDC_RP_CLIENT_ID = self.method["client_id"]
        return super().get(request)

    def get_extra_params(self, request):
        return {
            "redirect_uri": redirect_address(Source.OIDC),
            "scope": self.method["scopes"] or "openid profile email phone",
        }


class Callback(OIDCAuthenticationCallbackView):
    def get(self, request):
        slowed = slowed_down(request)
        if slowed:
            return slowed
        if methods.method(Source.OIDC) is None:
            return not_set_up(request)
        try:
            return super().get(request)
        except SuspiciousOperation:  # a state this browser never asked for (or used already)
            return self.login_failure()

    def login_failure(self):
        return back_to_login(self.request, getattr(self.request, SIGNIN_REFUSAL, ""))

    def login_success(self):
        self.user.backend = SIGNED_IN_BY
        return super().login_success()
