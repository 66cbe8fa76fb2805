"""What PerfLoop knows of the company's directory (LDAP/AD, DingTalk, WeCom, Feishu, an OpenID
provider): which directory entry is which employee or department, once linked, and what the
directory granted."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    LDAP = "ldap", _("LDAP / Active Directory")
    OIDC = "oidc", _("OpenID Connect")
    DINGTALK = "dingtalk", _("DingTalk (钉钉)")
    WECOM = "wecom", _("WeCom (企业微信)")
    FEISHU = "feishu", _("Feishu / Lark (飞书)")


class PersonLink(models.Model):
    """This directory entry is this employee: found by its id from then on, whatever changes."""

    source = models.CharField(max_length=10, choices=Source.choices)
    external_id = models.CharField(max_length=200)
    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="+")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="person_link_once"),
            models.UniqueConstraint(fields=["source", "employee"], name="person_linked_once"),
        ]

    def __str__(self):
        return f"{self.source}:{self.external_id}"


class DirectoryGrant(models.Model):
    """A right the directory's group mapping gave (company-wide HR, administrator): taken back
    when the person leaves the group, unlike rights given by hand."""

    class Role(models.TextChoices):
        HR = "hr", _("HR for the whole organisation")
        ADMIN = "admin", _("Administrator")

    source = models.CharField(max_length=10, choices=Source.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    role = models.CharField(max_length=10, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "user", "role"], name="directory_grant_once")
        ]

    def __str__(self):
        return f"{self.source}:{self.user_id}:{self.role}"


class DepartmentLink(models.Model):
    """This directory unit is this department: renamed or moved there, it is renamed or moved
    here, its history kept."""

    source = models.CharField(max_length=10, choices=Source.choices)
    external_id = models.CharField(max_length=200)
    department = models.ForeignKey("org.Department", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "external_id"], name="department_link_once"),
            models.UniqueConstraint(fields=["source", "department"], name="department_linked_once"),
        ]

    def __str__(self):
        return f"{self.source}:{self.external_id}"


class SyncRun(models.Model):
    """One sync with a directory: queued for the task worker, then previewed (nothing written) or
    applied, or failed (nothing written), with its counts and row errors."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        PREVIEWED = "previewed", _("Previewed")
        APPLIED = "applied", _("Applied")
        FAILED = "failed", _("Failed")

    source = models.CharField(_("directory"), max_length=10, choices=Source.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    apply = models.BooleanField(default=False)  # False: a preview
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    seconds = models.FloatField(_("seconds"), default=0)
    # added, changed, moved, left, departments_added, departments_renamed, departments_moved, unchanged
    counts = models.JSONField(default=dict)
    errors = models.JSONField(default=list)  # [[line, message]]: the row errors, or the one failure
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )  # None: the schedule

    class Meta:
        ordering = ["-started_at", "-pk"]
        # One run of a directory waits at a time: two queued at once (two clicks, the schedule and
        # HR) would write the same changes twice.
        constraints = [
            models.UniqueConstraint(
                fields=["source"], condition=models.Q(status="queued"), name="one_sync_queued_per_directory"
            )
        ]
        verbose_name = _("directory sync")
        verbose_name_plural = _("directory syncs")

    def __str__(self):
        return f"{self.source} {self.status} {self.started_at:%Y-%m-%d %H:%M}"


class SignInMethod(models.Model):
    """A sign-in method's settings as an administrator entered them on the settings page (OpenID
    Connect, DingTalk, WeCom, Feishu); what is left empty comes from the environment. The secret
    is written here and never shown back."""

    source = models.CharField(max_length=10, choices=Source.choices, unique=True)
    on = models.BooleanField(_("on"), default=False)
    options = models.JSONField(default=dict)  # the method's ids and names (sources.FIELDS)
    secret = models.CharField(max_length=500, blank=True)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"{self.source} {'on' if self.on else 'off'}"
