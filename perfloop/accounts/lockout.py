"""Login throttling that no one can turn against an office.

- A (username, address) pair is locked after AXES_FAILURE_LIMIT (5) failures: guessing from one
  place stops, and a colleague at the same address is not affected.
- A username alone is locked after PERFLOOP_LOGIN_USERNAME_FAILURE_LIMIT (20) failures from any
  addresses: guessing one account from many places stops too. The person unlocks it themself
  with a password reset by e-mail (`ResetConfirmView`), or waits out the cool-off.
- An address is never locked (behind a proxy or NAT it is a whole office): after
  PERFLOOP_LOGIN_ADDRESS_FAILURE_LIMIT (50) failures it is slowed down instead, one try every
  PERFLOOP_LOGIN_ADDRESS_WAIT_SECONDS (10) seconds (`address_must_wait`).

The client address is REMOTE_ADDR, or, when that is a proxy named in PERFLOOP_TRUSTED_PROXIES,
the nearest address in X-Forwarded-For that is not one of those proxies; a header sent by anyone
else is ignored, so it cannot be used to pose as another address.
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.utils import timezone


def _proxies():
    return [
        ipaddress.ip_network(p.strip(), strict=False) for p in settings.PERFLOOP_TRUSTED_PROXIES if p.strip()
    ]


def _trusted(address: str, proxies) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in proxies)


def client_address(request) -> str:
    """The address of the client, trusting X-Forwarded-For only from the configured proxies."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = _proxies()
    if not proxies or not _trusted(remote, proxies):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):  # the proxies append: the nearest untrusted hop is the client
        if not _trusted(hop, proxies):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote
    return remote


class UsernameAndAddressHandler(AxesDatabaseHandler):
    """Failures counted per (username, address) and per username, each against its own limit."""

    def get_failures(self, request, credentials=None) -> int:
        pair, username = (
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        limit = settings.AXES_FAILURE_LIMIT
        return max(pair, username * limit // settings.PERFLOOP_LOGIN_USERNAME_FAILURE_LIMIT)


def address_must_wait(request) -> int:
    """Seconds this address must wait before its next try (0: it may try now)."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    seen = AccessAttempt.objects.filter(
        ip_address=client_address(request), attempt_time__gte=since
    ).aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if (seen["failures"] or 0) < settings.PERFLOOP_LOGIN_ADDRESS_FAILURE_LIMIT:
        return 0
    waited = (timezone.now() - seen["last"]).total_seconds()
    return max(0, int(settings.PERFLOOP_LOGIN_ADDRESS_WAIT_SECONDS - waited + 0.999))


def username_locked(request, username: str) -> bool:
    """Whether failures have locked this account: a sign-in by another way (a directory's code,
    an OpenID provider) is refused for it too."""
    from axes.handlers.proxy import AxesProxyHandler

    AxesProxyHandler.update_request(request)
    return AxesProxyHandler.is_locked(request, {"username": username})
