"""Following a plan up 跟踪: check-ins 进度回顾 with a reading of each goal's metric, and the
employee's own readings between check-ins, which the manager confirms."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
