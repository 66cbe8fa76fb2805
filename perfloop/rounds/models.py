"""Reviews collected online (在线评价): a round of a cycle, the peers nominated for it, and one form
per reviewer and reviewed person. Submitted ratings reach scoring through the review stage when the
round closes (`services.close`); until then nothing of a form counts or shows outside it."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perfloop.access.policy import ScopedQuerySet
from perfloop.reviews.models import Relation


class Privacy(models.TextChoices):
    CONFIDENTIAL = "confidential", _("Confidential: reviewers' names known to HR only")
    ATTRIBUTED = "attributed", _("Attributed: names shown to the employee and manager")


class Nominator(models.TextChoices):
    EMPLOYEE = "employee", _("The employee proposes, the manager approves")
    MANAGER = "manager", _("The manager assigns")


# The relations a round may collect, in the order forms list them.
RELATIONS = [Relation.SELF, Relation.MANAGER, Relation.PEER, Relation.SUBORDINATE, Relation.CUSTOMER]
# Reviewers of these relations are named by people (nomination); the others follow the line.
NOMINATED = (Relation.PEER, Relation.CUSTOMER)


# What a reviewer is to the person they review, as their inbox says it.
ROLE_WORDS = {
    Relation.MANAGER: pgettext_lazy("reviewer's role", "as their manager"),
    Relation.PEER: pgettext_lazy("reviewer's role", "as a peer"),
    Relation.SUBORDINATE: pgettext_lazy("reviewer's role", "as their report"),
    Relation.CUSTOMER: pgettext_lazy("reviewer's role", "as an internal customer"),
}


def default_relations():
    return [Relation.SELF, Relation.MANAGER, Relation.PEER, Relation.SUBORDINATE]


class ReviewRound(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    cycle = models.ForeignKey(
        "reviews.ReviewCycle", verbose_name=_("review cycle"), on_delete=models.PROTECT, related_name="+"
    )
    # The people the round reviews: the cycle's people in this department and below (all: none).
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    relations = models.JSONField(_("relations collected"), default=default_relations)
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"))
    peers_min = models.PositiveSmallIntegerField(
        _("fewest peers per person"), default=3, validators=[MaxValueValidator(20)]
    )
    peers_max = models.PositiveSmallIntegerField(
        _("most peers per person"), default=6, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    nominated_by = models.CharField(
        _("who names the peers"), max_length=10, choices=Nominator.choices, default=Nominator.EMPLOYEE
    )
    reviewer_cap = models.PositiveSmallIntegerField(
        _("most reviews asked of one reviewer"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    privacy = models.CharField(
        _("privacy"), max_length=12, choices=Privacy.choices, default=Privacy.CONFIDENTIAL
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.OPEN)
    # Moves with every change progress counts (a form submitted, reopened, added or removed): the
    # progress figures are kept per process under it instead of counted again on every view.
    version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        ordering = ["-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(deadline__gte=models.F("opens_on")), name="round_deadline_after_open"),
            models.CheckConstraint(condition=Q(peers_max__gte=models.F("peers_min")), name="round_peers_range"),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.cycle} · {self.department or _('whole organisation')}"

    def get_absolute_url(self):
        return reverse("rounds:round", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def confidential(self) -> bool:
        return self.privacy == Privacy.CONFIDENTIAL


class NominationQuerySet(ScopedQuerySet):
    pass


class Nomination(models.Model):
    """A colleague proposed (by the employee) or assigned (by the manager or HR) to review someone."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        APPROVED = "approved", _("Approved")
        REMOVED = "removed", _("Removed")

    people_via = "employee__"

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="nominations")
    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(
        "org.Employee", verbose_name=_("reviewer"), on_delete=models.CASCADE, related_name="+"
    )
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices, default=Relation.PEER)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "employee", "reviewer"], name="one_nomination_per_pair"),
            models.CheckConstraint(condition=~Q(employee=models.F("reviewer")), name="nobody_nominates_themself"),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.reviewer_id} → {self.employee_id} ({self.status})"


class ReviewForm(models.Model):
    """One reviewer's form about one person: a 1–5 rating and a comment per competency of the
    person's template, an overall comment; the self-assessment adds achievements, difficulties and
    requests. `answers` is {indicator id: {"rating": 1–5 or null, "comment": text}}."""

    class Status(models.TextChoices):
        OPEN = "open", _("Not started")
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="forms")
    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices)
    template = models.ForeignKey("reviews.Template", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    answers = models.JSONField(default=dict, blank=True)
    answered = models.PositiveSmallIntegerField(default=0)  # competencies rated, for progress
    overall = models.TextField(_("overall comment"), blank=True)
    achievements = models.JSONField(default=list, blank=True)  # self: [{"what", "impact", "date"}]
    difficulties = models.TextField(_("difficulties met"), blank=True)
    requests = models.JSONField(default=list, blank=True)  # self: [{"kind", "text"}] as 诉求
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reopened_reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        verbose_name = _("review form")
        verbose_name_plural = _("review forms")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["round", "employee", "reviewer"], name="one_form_per_pair"),
            # Only the self-assessment has the person as its reviewer.
            models.CheckConstraint(
                condition=Q(relation=Relation.SELF, employee=models.F("reviewer"))
                | (~Q(relation=Relation.SELF) & ~Q(employee=models.F("reviewer"))),
                name="self_form_is_ones_own",
            ),
        ]  # fmt: skip
        indexes = [
            models.Index(fields=["reviewer", "round"], name="form_by_reviewer"),
            models.Index(fields=["round", "employee"], name="form_by_reviewed"),
        ]

    def __str__(self):
        return f"{self.reviewer_id} → {self.employee_id} ({self.relation})"

    def get_absolute_url(self):
        return reverse("rounds:form", args=[self.pk])

    @property
    def is_self(self) -> bool:
        return self.relation == Relation.SELF

    @property
    def reviewer_role(self) -> str:
        """The relation as the reviewer reads it ("as their report"), not as the person's."""
        return str(ROLE_WORDS.get(self.relation, ""))

    @property
    def submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED
