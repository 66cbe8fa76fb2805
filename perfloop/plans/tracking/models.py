"""Following a plan up 跟踪: check-ins 进度回顾 with a reading of each goal's metric, and the
employee's own readings between check-ins, which the manager confirms."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perfloop.access.policy import ScopedQuerySet

AMOUNT = {"max_digits": 14, "decimal_places": 2}


class CheckIn(models.Model):
    people_via = "plan__employee__"

    class Kind(models.TextChoices):
        BRIEF = "brief", _("Brief check-in")
        FORMAL = "formal", _("Formal review")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="checkins")
    held_on = models.DateField(_("held on"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.BRIEF)
    notes = models.TextField(_("notes"), blank=True)
    on_track = models.BooleanField(_("on track"), null=True, blank=True)
    deviations = models.TextField(_("deviations"), blank=True)  # 偏差
    corrections = models.TextField(_("corrective actions"), blank=True)  # 纠偏
    support_asked = models.TextField(_("support asked"), blank=True)
    support_given = models.TextField(_("support given"), blank=True)
    recognition = models.TextField(_("recognition"), blank=True)  # 肯定
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["held_on", "pk"]
        indexes = [models.Index(fields=["plan", "kind", "held_on"], name="checkin_by_plan")]

    def __str__(self):
        return f"{self.plan_id} {self.held_on}"


class Reading(models.Model):
    """A value of a goal's metric on a day ("模拟测试75分"): at a check-in, or the employee's own."""

    people_via = "goal__plan__employee__"

    goal = models.ForeignKey("plans.Goal", on_delete=models.CASCADE, related_name="readings")
    checkin = models.ForeignKey(
        CheckIn, null=True, blank=True, on_delete=models.CASCADE, related_name="readings"
    )
    taken_on = models.DateField(_("date"))
    value = models.DecimalField(_("reading"), **AMOUNT)
    note = models.CharField(_("note"), max_length=200, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        ordering = ["taken_on", "pk"]
        indexes = [models.Index(fields=["goal", "taken_on"], name="reading_by_goal")]

    def __str__(self):
        return f"{self.goal_id} {self.taken_on}: {self.value}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_by_id is not None


class Closure(models.Model):
    """How a plan ended: its result against the targets, and what it leads to 结果应用.

    The result is suggested from the final readings and confirmed (or changed, with a reason) by
    the manager; the outcome is decided by the manager and checked by HR in scope; the employee
    acknowledges both. An extension is a new plan carrying the unmet goals over.
    """

    people_via = "plan__employee__"

    class Result(models.TextChoices):
        MET = "met", _("Met")
        PARTLY_MET = "partly_met", _("Partly met")
        NOT_MET = "not_met", _("Not met")

    class Outcome(models.TextChoices):
        PROMOTION_CANDIDATE = "promotion_candidate", _("Promotion candidate")
        RAISE_CANDIDATE = "raise_candidate", _("Raise candidate")
        EXTEND = "extend", _("Extend the plan")
        ROLE_CHANGE = "role_change", _("Role change")
        NONE = "none", _("No further action")

    TEAM_OUTCOMES = (Outcome.EXTEND, Outcome.NONE)  # what a team plan's result may lead to

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, related_name="closure")
    result = models.CharField(_("result"), max_length=12, choices=Result.choices)
    suggested = models.CharField(_("suggested result"), max_length=12, choices=Result.choices)
    reason = models.TextField(_("reason"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("closed by"), on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)
    outcome = models.CharField(
        pgettext_lazy("plan outcome", "outcome"), max_length=20, choices=Outcome.choices, blank=True
    )
    outcome_reason = models.TextField(_("reason for the outcome"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by HR"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged by the employee at"), null=True, blank=True)
    extension = models.OneToOneField(
        "plans.Plan",
        verbose_name=_("follow-up plan"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="extends",
    )

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        indexes = [models.Index(fields=["outcome"], name="closure_by_outcome")]

    def __str__(self):
        return f"{self.plan_id}: {self.result}"


class AgendaItem(models.Model):
    """What an active plan has coming or passed, stored so that the follow-up agenda of a team or a
    company is one indexed query (written by `agenda.refresh` only): the next check-in of each
    cadence, every milestone (and whether it was missed), the company's open commitments with a date."""

    class Kind(models.TextChoices):
        CHECK_IN = "check_in", _("Check-in")
        MILESTONE = "milestone", _("Milestone")
        SUPPORT = "support", _("Support from the company")

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    what = models.CharField(max_length=500)  # the cadence (brief, formal), the milestone, the commitment
    due = models.DateField()
    missed = models.BooleanField(default=False)

    class Meta:
        ordering = ["due", "plan_id", "pk"]
        indexes = [models.Index(fields=["due", "plan"], name="agenda_by_due")]

    def __str__(self):
        return f"{self.plan_id} {self.kind} {self.due}"

    @property
    def overdue(self) -> bool:
        return self.due < timezone.localdate()


class AgendaState(models.Model):
    """A plan whose stored agenda and status are right, until the last day before either changes
    by itself (a milestone's date passes, a check-in or a promise falls overdue). A write to the
    plan deletes this row. The status is stored so that a team's plans are counted on and off
    track by one aggregate query (the team report)."""

    plan = models.OneToOneField("plans.Plan", on_delete=models.CASCADE, primary_key=True, related_name="+")
    until = models.DateField(null=True)
    track = models.CharField(max_length=10, default="")  # on_track, off_track, no_data
    reasons = models.CharField(
        max_length=100, default=""
    )  # the codes of why off track, sorted, joined by ","

    def __str__(self):
        return f"{self.plan_id} until {self.until}"
