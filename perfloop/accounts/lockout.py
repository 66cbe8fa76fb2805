"""Login throttling: a username after a few failures, an address after many.

Axes counts failures per lockout parameter (here the username, then the client address) and
compares the largest count with one limit. One address may carry a whole office, so it gets a
higher limit: its count is scaled down to the username's limit before the comparison. A
browser or user agent is not a parameter, as rotating it is free.
"""

from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum


class UsernameAndAddressHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        counts = [
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        by_username = counts[0] if len(counts) > 1 else 0
        by_address = counts[-1]
        scaled = by_address * settings.AXES_FAILURE_LIMIT // settings.PERFLOOP_LOGIN_ADDRESS_FAILURE_LIMIT
        return max(by_username, scaled)
