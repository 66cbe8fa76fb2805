from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

from perfloop.api.models import ApiToken, hash_token

LAST_USED_EVERY = timedelta(minutes=1)


class TokenAuth(HttpBearer):
    """A script's bearer token: the token alone authenticates, so no CSRF token is asked."""

    def authenticate(self, request, token):
        now = timezone.now()
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), expires_at__gt=now)
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        # Written at most once a minute: a write per request would queue every script's calls on
        # SQLite's single writer.
        if found.last_used_at is None or now - found.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = found.user
        return found.user


class BrowserSessionAuth(SessionAuth):
    """The browser's session, with the CSRF check on unsafe methods.

    A request without a session cookie is not a browser session: it is left to the other
    methods (or answered 401) instead of failing a CSRF check it never had a reason to pass.
    """

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return None
        return super().__call__(request)


# The token is tried first: a script that sends one is never asked for a CSRF token.
AUTH = [TokenAuth(), BrowserSessionAuth()]
