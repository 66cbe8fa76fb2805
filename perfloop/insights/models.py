"""What the organisation learns from closed plans 经验沉淀."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from perfloop.reviews.models import RootCause


class Lesson(models.Model):
    """What a closed plan taught 经验沉淀 ("跨部门协作流程优化方案"), shared with a team, a
    department or the whole company, and found again by search or by its root cause or indicator.

    `scope_path` is where it is shared: the team lead's reports prefix, or the department's path
    (a reader sees it when that is a prefix of their own). `search_text` and `grams` feed the
    search indexes (lessons.py): trigrams for three characters or more, and on SQLite the one- and
    two-character pieces, which a trigram index cannot find.
    """

    class Sharing(models.TextChoices):
        TEAM = "team", _("Team")
        DEPARTMENT = "department", _("Department")
        COMPANY = "company", _("Company")

    plan = models.ForeignKey(
        "plans.Plan",
        verbose_name=_("improvement plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lessons",
    )
    title = models.CharField(_("title"), max_length=200)
    done = models.TextField(_("what was done"))
    worked = models.TextField(_("what worked"), blank=True)
    root_cause = models.CharField(
        _("root cause"), max_length=12, choices=RootCause.Cause.choices, blank=True, db_index=True
    )
    indicator = models.CharField(_("indicator"), max_length=100, blank=True, db_index=True)
    tags = models.CharField(_("tags"), max_length=200, blank=True)
    sharing = models.CharField(_("shared with"), max_length=10, choices=Sharing.choices, default=Sharing.TEAM)
    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="+"
    )
    scope_path = models.CharField(max_length=255, editable=False, default="")
    search_text = models.TextField(editable=False, default="")
    grams = models.TextField(editable=False, default="")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("written by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        db_table = "followup_lesson"  # written by the follow-up stage first; its search triggers name it
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["sharing", "scope_path"], name="lesson_by_sharing")]

    def __str__(self):
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [t for t in (p.strip() for p in self.tags.replace("，", ",").split(",")) if t]


class ReportSettings(models.Model):
    """How the organisation's team reports protect small groups and name common problems (one row):
    below `min_group` people a figure is not broken down for managers (never below 3, as survey
    tools do); an indicator is a common problem 共性问题 when at least `problem_share` percent fall
    short of it."""

    min_group = models.PositiveSmallIntegerField(
        _("smallest group shown"), default=5, validators=[MinValueValidator(3), MaxValueValidator(50)]
    )
    problem_share = models.PositiveSmallIntegerField(
        _("share falling short that makes a common problem (%)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("team report settings")
        verbose_name_plural = _("team report settings")

    def __str__(self):
        return f"{self.min_group} / {self.problem_share}%"

    @classmethod
    def current(cls) -> "ReportSettings":
        return cls.objects.first() or cls()


class FiguresStamp(models.Model):
    """One row, changed by triggers (migration 0003) whenever anything a team report counts is
    written — results, conversations, plans and their follow-up, the department tree: a report
    computed under the stamp read before it is right until the stamp changes (team/stored.py)."""

    value = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("figures stamp")
        verbose_name_plural = _("figures stamps")

    def __str__(self):
        return str(self.value)
