"""Outbound webhooks 对外推送: an administrator names an integrator's address and the events it
wants; each event becomes one delivery per webhook, signed with the webhook's secret, tried again
with backoff by the task worker, and kept with the receiver's answer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Webhook(models.Model):
    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("address"), max_length=500)
    # Signs every delivery (HMAC-SHA256); shown once when the webhook is made, never again.
    secret = models.CharField(max_length=100)
    events = models.JSONField(_("events"), default=list)  # event names of notify's registry
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    @property
    def secret_shown(self) -> str:
        return f"{self.secret[:4]}…"


class WebhookDelivery(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(_("event"), max_length=60)
    key = models.CharField(max_length=200)  # the event's: the same event reaches a webhook once
    body = models.TextField()  # the JSON sent, fixed when the event happened (a retry sends the same)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    tries = models.PositiveSmallIntegerField(_("tries"), default=0)
    answer_status = models.PositiveSmallIntegerField(_("answer"), null=True, blank=True)  # HTTP status
    answer = models.TextField(_("answer"), blank=True)  # the receiver's words, or why none came
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["webhook", "event", "key"], name="webhook_event_once"),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="webhook_delivery_waiting")]

    def __str__(self):
        return f"{self.event} → {self.webhook_id}"
