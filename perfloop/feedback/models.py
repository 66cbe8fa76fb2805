"""The feedback conversation 反馈面谈: its preparation, schedule, record, acknowledgement and appeal.

One record per person and cycle, built from their review result. The manager prepares it
(preparation pack: goal, setting, talking points, materials), schedules it, holds it with the
guided meeting page and writes the record (反馈记录表); the employee acknowledges it or disputes it.
Once the employee has answered, the record is locked: a change is an `Amendment` and asks for a
new acknowledgement.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from perfloop.access.policy import ScopedQuerySet

# The record's texts the guided meeting fills, in the guide's order (part 二(二)).
RECORD_TEXTS = ("opening", "strengths", "improvements", "employee_view", "agreed_direction", "next_steps")


class FeedbackRecord(models.Model):
    people_via = "employee__"

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        DISPUTED = "disputed", _("Disputed")

    class Goal(models.TextChoices):
        INFORM = "inform", _("Inform the results")
        IMPROVE = "improve", _("Discuss improvement")

    class Setting(models.TextChoices):
        IN_PERSON = "in_person", _("One to one, in person")
        VIDEO = "video", _("One to one, by video")

    cycle = models.ForeignKey(
        "reviews.ReviewCycle", verbose_name=_("review cycle"), on_delete=models.CASCADE, related_name="+"
    )
    employee = models.ForeignKey(
        "org.Employee", verbose_name=_("employee"), on_delete=models.CASCADE, related_name="feedback_records"
    )
    result = models.ForeignKey(
        "reviews.Result", verbose_name=_("review result"), on_delete=models.PROTECT, related_name="+"
    )
    # Who holds the conversation (the person's manager, or HR standing in).
    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("held by"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PLANNED)

    # Preparation pack (the employee never sees it).
    goal = models.CharField(_("conversation goal"), max_length=10, choices=Goal.choices, default=Goal.IMPROVE)
    setting = models.CharField(
        _("setting"), max_length=10, choices=Setting.choices, default=Setting.IN_PERSON
    )
    talking_points = models.TextField(_("talking points"), blank=True)
    materials = models.JSONField(_("materials ready"), default=list, blank=True)

    # Schedule.
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=45)
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    sequence = models.PositiveIntegerField(_("invitation version"), default=0)
    cancelled = models.BooleanField(_("cancelled"), default=False)

    # The record (反馈记录表).
    opening = models.TextField(_("opening"), blank=True)
    strengths = models.TextField(_("strengths discussed"), blank=True)
    improvements = models.TextField(_("improvement items discussed"), blank=True)
    employee_view = models.TextField(_("the employee’s view"), blank=True)
    agreed_direction = models.TextField(_("agreed direction"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    held_on = models.DateField(_("held on"), null=True, blank=True)

    # The employee's answer; once given, the record is locked.
    answered_at = models.DateTimeField(_("first answered at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    dispute_reason = models.TextField(_("reason for disagreeing"), blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback record")
        verbose_name_plural = _("feedback records")
        constraints = [models.UniqueConstraint(fields=["cycle", "employee"], name="one_feedback_per_cycle")]
        # A cycle's records in person order with their status, read without the texts: a page of the
        # overview needs no sort, and the counts by status read this index alone.
        indexes = [
            models.Index(fields=["cycle", "employee", "status"], name="feedback_by_cycle_person"),
            # The conversations a person holds, soonest first (their home page): read in order.
            models.Index(fields=["holder", "status", "starts_at"], name="feedback_held_by"),
        ]

    def __str__(self):
        return f"{self.employee} · {self.cycle}"

    def get_absolute_url(self):
        return reverse("feedback:record", args=[self.pk])

    @property
    def status_label(self) -> str:
        """The status as people read it: a conversation is planned once it has a date; before, it
        is still to be scheduled (and a cancelled meeting is to be scheduled again)."""
        if self.status == self.Status.PLANNED and (self.starts_at is None or self.cancelled):
            return _("To schedule")
        return self.get_status_display()

    @property
    def locked(self) -> bool:
        """The employee has answered: the text changes only by amendment from now on."""
        return self.answered_at is not None

    @property
    def ics_uid(self) -> str:
        return f"feedback-{self.pk}@perfloop"


class FeedbackRequest(models.Model):
    """A request 诉求 the employee made in the conversation; each can become an improvement-plan item."""

    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        RESOURCES = "resources", _("Resources")
        GOAL_CLARITY = "goal_clarity", _("Goal clarity")
        WORKLOAD = "workload", _("Workload")
        CAREER = "career", _("Career development")  # 职业发展: where the person wants to go
        OTHER = "other", _("Other")

    record = models.ForeignKey(FeedbackRecord, on_delete=models.CASCADE, related_name="requests")
    kind = models.CharField(_("kind of request"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("request"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("employee request")
        verbose_name_plural = _("employee requests")
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:40]}"


class Amendment(models.Model):
    """A change to a locked record: who, when, why, and the text before and after."""

    record = models.ForeignKey(FeedbackRecord, on_delete=models.CASCADE, related_name="amendments")
    field = models.CharField(_("field"), max_length=20)
    old_text = models.TextField(_("before"), blank=True)
    new_text = models.TextField(_("after"), blank=True)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.record_id} {self.field} ({self.at:%Y-%m-%d})"

    @property
    def field_label(self) -> str:
        return str(FeedbackRecord._meta.get_field(self.field).verbose_name)


class AppealQuerySet(ScopedQuerySet):
    def own_q(self):
        return models.Q()


class Appeal(models.Model):
    """A disagreement with a record, for HR in scope to resolve."""

    people_via = "record__employee__"

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Resolved")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Record upheld")
        AMENDED = "amended", _("Record amended")
        RECALIBRATED = "recalibrated", _("Result recalibrated")

    record = models.ForeignKey(FeedbackRecord, on_delete=models.CASCADE, related_name="appeals")
    reason = models.TextField(_("reason"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    note = models.TextField(_("resolution note"), blank=True)
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = AppealQuerySet.as_manager()

    class Meta:
        verbose_name = _("appeal")
        verbose_name_plural = _("appeals")
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["status", "-opened_at"], name="appeal_by_status")]

    def __str__(self):
        return f"{self.record} ({self.get_status_display()})"


class RecordTemplate(models.Model):
    """An organisation's own Word layout of the record (docxtpl placeholders); the newest one is used."""

    content = models.BinaryField(_("template"))
    filename = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("record template")
        verbose_name_plural = _("record templates")
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.filename
