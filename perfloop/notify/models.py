"""What reaches people 提醒: a notification in the recipient's inbox, and its deliveries by e-mail
(later, chat robots), each kept with its status, tries and last error so that nothing is lost.

A notification holds the event and its figures, not its text: the text is written when it is read
or sent, in the recipient's language. `key` makes an event reach a person once, however often it
is raised (a reminder run twice, a signal sent again).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    CHAT = "chat", _("Group chat robot")


class ChatRobot(models.Model):
    """A company's group robot (WeCom 企业微信, DingTalk 钉钉, Feishu 飞书): for the whole
    organisation or one department and those below it. The secret is never shown back in full."""

    class Kind(models.TextChoices):
        WECOM = "wecom", _("WeCom (企业微信)")
        DINGTALK = "dingtalk", _("DingTalk (钉钉)")
        FEISHU = "feishu", _("Feishu / Lark (飞书)")

    kind = models.CharField(_("service"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    webhook = models.URLField(_("webhook URL"), max_length=500)
    secret = models.CharField(_("signing secret"), max_length=200, blank=True)
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Empty: the whole organisation."),
    )
    active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("chat robot")
        verbose_name_plural = _("chat robots")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    @property
    def secret_shown(self) -> str:
        return (
            f"{self.secret[:3]}…{self.secret[-4:]}" if len(self.secret) > 8 else ("…" if self.secret else "")
        )

    @property
    def webhook_shown(self) -> str:
        """The address without its key or token (which let anyone post to the group): WeCom and
        DingTalk carry it in the query, Feishu as the path's last part."""
        address = self.webhook.split("?")[0]
        if self.kind == self.Kind.FEISHU and address.count("/") > 2:
            address = address.rsplit("/", 1)[0] + "/…"
        return address + ("?…" if "?" in self.webhook else "")


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    event = models.CharField(_("event"), max_length=40)
    key = models.CharField(max_length=200)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once")]
        indexes = [models.Index(fields=["recipient", "read_at", "-created_at"], name="notification_inbox")]

    def __str__(self):
        return f"{self.recipient_id} {self.event}"


class Delivery(models.Model):
    """One notification sent on one channel: pending → sending → sent, or failed with the reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    robot = models.ForeignKey(
        ChatRobot,
        verbose_name=_("chat robot"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    tries = models.PositiveSmallIntegerField(_("tries"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True)  # when a worker began sending it
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["notification", "channel"],
                condition=models.Q(robot__isnull=True),
                name="delivery_once",
            ),
            models.UniqueConstraint(
                fields=["notification", "robot"],
                condition=models.Q(robot__isnull=False),
                name="delivery_once_per_robot",
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="delivery_by_status")]

    def __str__(self):
        return f"{self.notification_id} {self.channel}: {self.status}"


class Mute(models.Model):
    """A person who does not want a channel (the inbox cannot be muted)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "channel"], name="mute_once")]

    def __str__(self):
        return f"{self.user_id} {self.channel}"


class EventRule(models.Model):
    """The organisation's own rule for an event, replacing the default (notify/audience.py): who
    hears it, on which channels besides the inbox, and for plans ending, how many days before."""

    event = models.CharField(_("event"), max_length=40, unique=True)
    employee = models.BooleanField(_("employee"))
    manager = models.BooleanField(_("manager"))
    hr = models.BooleanField(_("HR in scope"))
    email = models.BooleanField(_("e-mail"))
    chat = models.BooleanField(_("group chat robot"))
    days = models.PositiveSmallIntegerField(_("days before"), null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("notification rule")
        verbose_name_plural = _("notification rules")
        ordering = ["event"]

    def __str__(self):
        return self.event


class RobotPace(models.Model):
    """The last minute's sends to one webhook, shared by every worker process so that together they
    keep under the service's rate; `version` lets a worker take a slot without a lock
    (notify/pace.py)."""

    key = models.CharField(max_length=64, unique=True)  # sha256 of the webhook
    times = models.JSONField(default=list)  # epoch seconds of the sends in the last minute
    version = models.PositiveIntegerField(default=0)

    def __str__(self):
        return self.key


class Unread(models.Model):
    """How many of a person's notifications are unread, for the bell on every page: kept by
    triggers on the notifications (migration 0007) in the same transaction as the notification is
    made, read or deleted, whatever the path (a bulk reminder run, the inbox, erasure)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    count = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("unread count")
        verbose_name_plural = _("unread counts")

    def __str__(self):
        return f"{self.user_id}: {self.count}"
