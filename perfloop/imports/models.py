from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from perfloop.imports.registry import KINDS


class Import(models.Model):
    """An uploaded file, kept from preview to apply so that both see the same bytes."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        APPLIED = "applied", _("Applied")
        REFUSED = "refused", _("Refused")

    kind = models.CharField(_("kind"), max_length=12)
    cycle = models.ForeignKey(
        "reviews.ReviewCycle",
        verbose_name=_("review cycle"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="imports",
    )
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("content"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="imports",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    summary = models.JSONField(_("summary"), default=dict)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.filename

    @property
    def kind_label(self):
        """The kind as its app names it (the code when no installed app registers it any more)."""
        kind = KINDS.get(self.kind)
        return kind.label if kind else self.kind
