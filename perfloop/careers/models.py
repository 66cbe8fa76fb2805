"""Career development 职业发展: where a position leads (the development path, with what the next step
requires) and the promotion or transfer dossier 晋升/调岗依据 with the manager's recommendation and
HR's decision."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perfloop.org.models import Department, Employee, Position
from perfloop.reviews.models import ReviewCycle

LEVEL = {"max_digits": 7, "decimal_places": 2}


class Step(models.Model):
    """A next position a position leads to (工程师 → 高级工程师)."""

    position = models.ForeignKey(
        Position, verbose_name=_("position"), on_delete=models.CASCADE, related_name="+"
    )
    next_position = models.ForeignKey(
        Position, verbose_name=_("next position"), on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("development step")
        verbose_name_plural = _("development steps")
        constraints = [
            models.UniqueConstraint(fields=["position", "next_position"], name="careers_step_once")
        ]
        ordering = ["pk"]

    def __str__(self):
        return f"{self.position} → {self.next_position}"


class Requirement(models.Model):
    """What the next step asks: an indicator or competency, by name as results score it, at a level."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="requirements")
    indicator = models.CharField(_("indicator or competency"), max_length=100)
    level = models.DecimalField(_("level"), **LEVEL)

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        constraints = [models.UniqueConstraint(fields=["step", "indicator"], name="careers_required_once")]
        ordering = ["pk"]

    def __str__(self):
        return f"{self.indicator} ≥ {self.level}"


# An approval not yet in effect (`Dossier.waiting` for one dossier).
WAITING = models.Q(decision="approved", applied_at__isnull=True)


class Dossier(models.Model):
    """A person considered for promotion or transfer: the basis is read live from the loop; what is
    stored is the proposal, the manager's recommendation and HR's decision."""

    class Kind(models.TextChoices):
        PROMOTION = "promotion", _("Promotion")
        TRANSFER = "transfer", _("Transfer")

    class Recommendation(models.TextChoices):
        RECOMMEND = "recommend", _("Recommended")
        NOT_YET = "not_yet", _("Not yet")
        AGAINST = "against", _("Not recommended")

    class Decision(models.TextChoices):
        APPROVED = "approved", _("Approved")
        NOT_NOW = "not_now", pgettext_lazy("decision", "Not now")
        REJECTED = "rejected", _("Rejected")

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # The cycle whose outcome list named them, if any.
    cycle = models.ForeignKey(
        ReviewCycle,
        verbose_name=_("review cycle"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("new position"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("new department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices, blank=True
    )
    recommendation_text = models.TextField(_("the manager's words"), blank=True)
    recommended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recommended_at = models.DateTimeField(null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)  # the committee's: never shown to the person
    effective_date = models.DateField(_("effective date"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    communicated_at = models.DateTimeField(_("communicated at"), null=True, blank=True)
    # When an approval became the person's position or department: at the decision if it is
    # effective then, else on its effective date (`dossiers.apply_due`, from the reminders' timer).
    applied_at = models.DateTimeField(_("took effect at"), null=True, blank=True)

    class Meta:
        verbose_name = _("promotion or transfer dossier")
        verbose_name_plural = _("promotion or transfer dossiers")
        ordering = ["-opened_at", "-pk"]
        constraints = [
            # One open consideration per person at a time: undecided, or approved and waiting for
            # its effective date.
            models.UniqueConstraint(
                fields=["employee"],
                condition=models.Q(decision="") | WAITING,
                name="careers_one_open_dossier",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.employee}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("careers:dossier", args=[self.pk])

    @property
    def decided(self) -> bool:
        return bool(self.decision)

    @property
    def waiting(self) -> bool:
        """Approved, and waiting for its effective date to become the person's new role."""
        return self.decision == self.Decision.APPROVED and self.applied_at is None
