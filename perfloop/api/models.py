import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    """A bearer token; only its SHA-256 is stored, so a leaked database reveals no token. It works
    until it expires (PERFLOOP_TOKEN_DAYS, 90 days, unless chosen shorter) or its holder revokes it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    key_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("token prefix"), max_length=8, editable=False)
    label = models.CharField(_("what it is for"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.user} {self.prefix}…"

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @classmethod
    def issue(cls, user, *, days: int | None = None, label: str = "") -> str:
        """Create a token for the user and return it; it cannot be shown again."""
        token = "pl_" + secrets.token_urlsafe(32)
        expires = timezone.now() + dt.timedelta(days=days or settings.PERFLOOP_TOKEN_DAYS)
        cls.objects.create(
            user=user, key_hash=hash_token(token), prefix=token[:8], label=label[:100], expires_at=expires
        )
        return token
