from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from perfloop.imports.registry import KINDS


class Import(models.Model):
    """An uploaded file, kept from preview to apply so that both see the same bytes."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        APPLIED = "applied", _("Applied")
        REFUSED = "refused", _("Refused")

    kind = models.CharField(_("kind"), max_length=12)
    # What the rows belong to (a review cycle…), when the kind has a target; the owning model
    # declares a GenericRelation so that its imports go with it.
    target_type = models.ForeignKey(
        ContentType, verbose_name=_("target type"), null=True, blank=True, on_delete=models.CASCADE
    )
    target_id = models.PositiveBigIntegerField(_("target"), null=True, blank=True)
    target = GenericForeignKey("target_type", "target_id")
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
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self):
        return self.filename

    @property
    def kind_label(self):
        """The kind as its app names it (the code when no installed app registers it any more)."""
        kind = KINDS.get(self.kind)
        return kind.label if kind else self.kind

    @property
    def back_url(self) -> str:
        """Where the uploader goes back to: the target's page, or the imports page."""
        if self.target is not None and hasattr(self.target, "get_absolute_url"):
            return self.target.get_absolute_url()
        return reverse("imports:index")
