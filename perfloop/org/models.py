"""Departments, positions and employees.

Two materialised paths make "everyone under X" one indexed prefix query on any
database: `Department.path` holds the ids from the root down to the department
itself ("/1/4/9/"), and `Employee.manager_path` holds the ids of the reporting
line above an employee ("/1/7/" for someone whose manager is 7, who reports to 1).
`org.services.rebuild_paths` keeps both right after every change of the tree.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from perfloop.org.lookups import Under
from perfloop.org.spelling import spelling_of


class Department(models.Model):
    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("path"), max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="unique_department_name_per_parent"),
        ]

    def __str__(self):
        return self.name


class Position(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Employee(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        LEFT = "left", _("Left")

    employee_no = models.CharField(_("employee number"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100, db_index=True)
    # The name in Latin letters, for a search typed in pinyin (org/spelling.py); made on save.
    spelling = models.CharField(_("spelling"), max_length=255, blank=True, default="", editable=False)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="employees"
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("position"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employees",
    )
    manager = models.ForeignKey(
        "self",
        verbose_name=_("manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="direct_reports",
    )
    manager_path = models.CharField(
        _("reporting line"), max_length=255, db_index=True, editable=False, default="/"
    )
    hire_date = models.DateField(_("hire date"), null=True, blank=True)
    email = models.EmailField(_("email"), blank=True)
    # For the chat robots' @-mentions (DingTalk, WeCom mention by mobile number).
    mobile = models.CharField(_("mobile"), max_length=20, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    # When the person left (离职): their records are kept the organisation's retention time from then.
    left_on = models.DateField(_("left on"), null=True, blank=True)
    # Set once the person's records are past retention and their personal fields erased.
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )
    history = HistoricalRecords(excluded_fields=["manager_path", "spelling"])

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["employee_no"]
        # Counting a manager's active team reads this index alone (SQLite), not every row under them.
        # The account's index: most people have no account, so the unique index's statistics say
        # every NULL is one value and SQLite scans all employees to join an author's name; this
        # one holds the linked accounts only.
        indexes = [
            models.Index(fields=["manager_path", "status"], name="employee_reports_status"),
            models.Index(fields=["user"], condition=models.Q(user__isnull=False), name="employee_account"),
        ]

    def __str__(self):
        return f"{self.name} ({self.employee_no})"

    def save(self, *args, **kwargs):
        self.spelling = spelling_of(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "spelling"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("org:employee_detail", args=[self.pk])

    @property
    def reports_prefix(self) -> str:
        """The manager_path prefix shared by everyone below this employee."""
        return f"{self.manager_path}{self.pk}/"


# "Everyone under X" on both materialised paths (see org/lookups.py).
Department._meta.get_field("path").register_lookup(Under)
Employee._meta.get_field("manager_path").register_lookup(Under)


class Retention(models.Model):
    """The organisation's retention of departed people's records (one row; PIPL 存储期限): kept
    `years` after they left, then their personal fields erased by `manage.py purge`."""

    years = models.PositiveSmallIntegerField(
        _("years kept after leaving"), default=3, validators=[MinValueValidator(1), MaxValueValidator(30)]
    )

    class Meta:
        verbose_name = _("retention of departed people's records")
        verbose_name_plural = _("retention of departed people's records")

    def __str__(self):
        return str(self.years)

    @classmethod
    def current(cls) -> "Retention":
        return cls.objects.first() or cls(years=3)


class PurgeRun(models.Model):
    """One run of `manage.py purge`, kept: when, whether it only listed, and whom it erased."""

    at = models.DateTimeField(_("at"), auto_now_add=True)
    dry_run = models.BooleanField(_("list only"))
    years = models.PositiveSmallIntegerField(_("years kept after leaving"))
    left_before = models.DateField(_("left before"))
    people = models.JSONField(_("people"), default=list)  # employee ids

    class Meta:
        verbose_name = _("purge run")
        verbose_name_plural = _("purge runs")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {len(self.people)}"
