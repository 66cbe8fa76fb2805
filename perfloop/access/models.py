from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class HRAssignment(models.Model):
    """Makes a user HR for a department and all of its sub-departments."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="hr_assignments",
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="hr_assignments",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("HR assignment")
        verbose_name_plural = _("HR assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "department"], name="unique_hr_assignment"),
        ]

    def __str__(self):
        return f"{self.user} → {self.department}"


class PrivateRead(models.Model):
    """One opening of someone else's private record: who opened whose what, how and when."""

    class What(models.TextChoices):
        RESULT = "result", _("Review result")
        REVIEWS = "reviews", _("Individual 360° ratings")
        EVIDENCE = "evidence", _("Evidence records")
        EXPORT = "export", _("Results export")

    class Via(models.TextChoices):
        PAGE = "page", _("Page")
        API = "api", _("API")
        EXPORT = "export", _("Export")

    reader = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    employee = models.ForeignKey(
        "org.Employee", verbose_name=_("whose"), on_delete=models.CASCADE, related_name="private_reads"
    )
    what = models.CharField(_("what"), max_length=10, choices=What.choices)
    via = models.CharField(_("how"), max_length=10, choices=Via.choices)
    ref = models.CharField(_("record"), max_length=100, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("private read")
        verbose_name_plural = _("private reads")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["employee", "-at"], name="private_read_by_person")]

    def __str__(self):
        return f"{self.reader} → {self.employee_id} {self.what} ({self.at:%Y-%m-%d %H:%M})"

    @property
    def what_label(self) -> str:
        """What was opened, in the reader's language, including kinds other apps registered."""
        return str(READ_KINDS.get(self.what) or self.get_what_display())


# Kinds of private record other apps add (`audit.register_read_kind`): code → translated label.
READ_KINDS: dict = {}


class RightsStamp(models.Model):
    """One row whose `value` changes, in the same transaction, with every write that can change
    someone's rights: employees (status, manager, department, account), departments, HR scopes,
    accounts (active, superuser). Triggers keep it (migration 0003), so bulk imports and the admin
    bump it too. Every process reads it once per request and keeps roles computed under the value
    it read; a new value means recompute, in every process and on every server."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("rights stamp")
        verbose_name_plural = _("rights stamps")

    def __str__(self):
        return str(self.value)
