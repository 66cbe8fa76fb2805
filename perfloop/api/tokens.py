"""Each person's own API tokens: made for a script with an expiry, listed, revoked. Nobody sees or
revokes another's (an administrator revokes through the admin)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from perfloop.api.models import ApiToken

MOST_DAYS = 365


def of(user):
    return ApiToken.objects.filter(user=user).order_by("-created_at")


@transaction.atomic
def issue(*, user, label: str, days: int | None) -> str:
    """A new token for the user, shown once."""
    days = days or settings.PERFLOOP_TOKEN_DAYS
    if not 1 <= days <= MOST_DAYS:
        raise ValidationError(
            _("A token works from 1 to %(most)s days.") % {"most": MOST_DAYS}, code="invalid"
        )
    return ApiToken.issue(user, days=days, label=label.strip())


@transaction.atomic
def revoke(*, user, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False when they have no such token."""
    return ApiToken.objects.filter(user=user, pk=token_id).delete()[0] > 0
