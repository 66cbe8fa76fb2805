"""Review cycles, templates and indicators, the data of a cycle, and the results computed from it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from perfloop.access.policy import ScopedQuerySet
from perfloop.reviews import scoring


def default_thresholds():
    return dict(scoring.DEFAULT_THRESHOLDS)


def default_relation_weights():
    return dict(scoring.DEFAULT_RELATION_WEIGHTS)


class Band(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    SATISFACTORY = "satisfactory", _("Satisfactory")
    NEEDS_IMPROVEMENT = "needs_improvement", _("Needs improvement")
    UNSATISFACTORY = "unsatisfactory", _("Unsatisfactory")


class ReviewCycleQuerySet(models.QuerySet):
    def published(self):
        """Cycles whose results the employees see (from feedback on)."""
        return self.filter(status__in=ReviewCycle.PUBLISHED)


class ReviewCycle(models.Model):
    class Kind(models.TextChoices):
        QUARTER = "quarter", _("Quarter")
        HALF_YEAR = "half_year", _("Half-year")
        YEAR = "year", _("Year")
        CUSTOM = "custom", _("Custom")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CALIBRATING = "calibrating", _("Calibrating")
        FEEDBACK = "feedback", _("Feedback")
        CLOSED = "closed", _("Closed")

    # From feedback on, employees see their own results.
    PUBLISHED = (Status.FEEDBACK, Status.CLOSED)

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.QUARTER)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    thresholds = models.JSONField(_("band thresholds"), default=default_thresholds)
    relation_weights = models.JSONField(_("360 relation weights"), default=default_relation_weights)
    # Below this many raters in a relation (manager and self aside), the employee sees the relation
    # only merged with others, so that no single colleague's rating can be told apart.
    min_raters = models.PositiveSmallIntegerField(
        _("minimum raters per relation"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    distribution_guide = models.JSONField(
        _("distribution guide"),
        default=dict,
        blank=True,
        help_text=_('Largest share per band in percent, e.g. {"excellent": 20}.'),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    # The files imported into this cycle go with it.
    imports = GenericRelation("imports.Import", content_type_field="target_type", object_id_field="target_id")

    objects = ReviewCycleQuerySet.as_manager()

    class Meta:
        verbose_name = _("review cycle")
        verbose_name_plural = _("review cycles")
        ordering = ["-start_date", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="cycle_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reviews:cycle_detail", args=[self.pk])


class CycleTransition(models.Model):
    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(_("from"), max_length=12, choices=ReviewCycle.Status.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=ReviewCycle.Status.choices)
    # Why a cycle was published with results missing or incomplete (an override); kept in the history.
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, null=True
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("cycle status change")
        verbose_name_plural = _("cycle status changes")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.cycle}: {self.from_status} → {self.to_status}"


class Template(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    positions = models.ManyToManyField("org.Position", verbose_name=_("positions"), blank=True)
    departments = models.ManyToManyField("org.Department", verbose_name=_("departments"), blank=True)
    history = HistoricalRecords(m2m_fields=[positions, departments])

    class Meta:
        verbose_name = _("review template")
        verbose_name_plural = _("review templates")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    class Kind(models.TextChoices):
        KPI = "kpi", _("KPI")
        COMPETENCY = "competency", _("Competency")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    template = models.ForeignKey(Template, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=100)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    weight = models.DecimalField(_("weight (%)"), max_digits=5, decimal_places=2)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=4, null=True, blank=True)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    cap = models.DecimalField(_("cap (%)"), max_digits=6, decimal_places=2, default=scoring.DEFAULT_CAP)
    requirement = models.DecimalField(
        _("required score"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "The score the position requires, e.g. 80; below it the indicator is an improvement item."
        ),
    )
    order = models.PositiveSmallIntegerField(default=0)
    # What each rating means for a competency, level 1 first (行为锚定): shown on the review forms;
    # empty levels read the general ones (`anchors.levels`).
    anchors = models.JSONField(_("behaviour anchors"), default=list, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["template", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "name"], name="unique_indicator_per_template")
        ]

    def __str__(self):
        return self.name


class KpiActual(models.Model):
    """A KPI's actual value for one person in one cycle, with an optional personal target."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="actuals")
    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="+")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+"
    )
    actual = models.DecimalField(_("actual"), max_digits=14, decimal_places=4, null=True, blank=True)
    target = models.DecimalField(_("personal target"), max_digits=14, decimal_places=4, null=True, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    # Who last wrote the value (on the page or by an import), and when.
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("KPI actual")
        verbose_name_plural = _("KPI actuals")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "employee", "indicator"], name="unique_actual"),
        ]

    def __str__(self):
        return f"{self.employee_id} · {self.indicator_id}: {self.actual}"


class Relation(models.TextChoices):
    # Listed as the result page shows them; "relation" context: 上级 here, not 直属上级.
    MANAGER = "manager", pgettext_lazy("relation", "Manager")
    PEER = "peer", pgettext_lazy("relation", "Peer")
    SUBORDINATE = "subordinate", pgettext_lazy("relation", "Subordinate")
    CUSTOMER = "customer", pgettext_lazy("relation", "Customer")
    SELF = "self", pgettext_lazy("relation", "Self")


class Review360(models.Model):
    """One reviewer's rating of one competency of one person, imported or collected online; the
    same reviewer and indicator are one row, the later source winning (the import keeps its file,
    the online form its answers)."""

    class Source(models.TextChoices):
        IMPORT = "import", _("Imported")
        ONLINE = "online", _("Collected online")

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="reviews")
    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices)
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+"
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(_("source"), max_length=6, choices=Source.choices, default=Source.IMPORT)
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("360° review")
        verbose_name_plural = _("360° reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "employee", "reviewer", "indicator"], name="unique_review"
            ),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="rating_1_to_5"),
        ]

    def __str__(self):
        return f"{self.reviewer_id} → {self.employee_id} · {self.indicator_id}: {self.rating}"


class EvidenceRecord(models.Model):
    """A concrete case (事例): what happened, its effect, where it is known from."""

    class Kind(models.TextChoices):
        POSITIVE = "positive", _("Positive")
        NEGATIVE = "negative", _("Negative")

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="evidence")
    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="+")
    date = models.DateField(_("date"))
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    what = models.TextField(pgettext_lazy("evidence", "what happened"))
    impact = models.TextField(_("impact"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    # Written by the employee in their self-assessment: their own account, marked as such.
    self_reported = models.BooleanField(_("self-reported"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evidence record")
        verbose_name_plural = _("evidence records")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.date} {self.what[:40]}"


class ResultQuerySet(ScopedQuerySet):
    def own_q(self):
        # A person sees their own result only once the cycle has reached feedback.
        return Q(cycle__status__in=ReviewCycle.PUBLISHED)


class Result(models.Model):
    """A person's computed result in a cycle: every input and rule needed to explain it is stored."""

    people_via = "employee__"  # how the access core reaches the person a result is about

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="results")
    employee = models.ForeignKey("org.Employee", on_delete=models.CASCADE, related_name="review_results")
    # The person's department when the cycle was scored: a team's figures of past cycles stay
    # where they were when people move (the team report, its trends).
    department = models.ForeignKey(
        "org.Department", verbose_name=_("department"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="+")
    composite = models.DecimalField(_("composite score"), max_digits=5, decimal_places=1, null=True)
    complete = models.BooleanField(_("complete"), default=False)
    computed_band = models.CharField(_("computed band"), max_length=20, choices=Band.choices, blank=True)
    band = models.CharField(_("band"), max_length=20, choices=Band.choices, blank=True)
    breakdown = models.JSONField(_("breakdown"), default=list)
    rule_version = models.CharField(_("rule version"), max_length=20)
    computed_at = models.DateTimeField(_("computed at"))

    objects = ResultQuerySet.as_manager()

    class Meta:
        verbose_name = _("review result")
        verbose_name_plural = _("review results")
        constraints = [models.UniqueConstraint(fields=["cycle", "employee"], name="unique_result")]
        # Also "result_by_score" (cycle, composite descending, nulls last), made by migration 0008
        # for each database: the team view's default order reads a page of 50 from it instead of
        # sorting the whole company's results.
        indexes = [
            models.Index(fields=["cycle", "band"]),
            models.Index(fields=["cycle", "department"], name="result_by_department"),
        ]

    def __str__(self):
        return f"{self.employee} · {self.cycle}"

    @property
    def calibrated(self) -> bool:
        return self.band != self.computed_band


class ScoredIndicator(models.Model):
    """One scored indicator of a result as a row, written when the cycle is scored, so that a
    team's common problems (共性问题) come from one aggregate query instead of every breakdown."""

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("indicator"), max_length=100)
    short = models.BooleanField(_("falls short"))
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=2, null=True)
    gap = models.DecimalField(_("points short"), max_digits=7, decimal_places=2, null=True)  # when short

    class Meta:
        verbose_name = _("scored indicator")
        verbose_name_plural = _("scored indicators")
        constraints = [models.UniqueConstraint(fields=["result", "name"], name="unique_scored_indicator")]

    def __str__(self):
        return self.name


class Calibration(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="calibrations")
    from_band = models.CharField(_("from band"), max_length=20, choices=Band.choices, blank=True)
    to_band = models.CharField(_("to band"), max_length=20, choices=Band.choices)
    reason = models.TextField(_("reason"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calibration")
        verbose_name_plural = _("calibrations")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_band} → {self.to_band}"


class RootCause(models.Model):
    class Cause(models.TextChoices):
        RESOURCES = "resources", _("Insufficient resources")
        SKILLS = "skills", _("Lacking skills")
        GOALS = "goals", _("Unclear goals")
        ENVIRONMENT = "environment", _("Work environment")
        WORKLOAD = "workload", _("Workload")
        MOTIVATION = "motivation", _("Motivation")
        OTHER = "other", _("Other")

    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="root_causes")
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="+"
    )
    cause = models.CharField(_("root cause"), max_length=12, choices=Cause.choices)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("root cause")
        verbose_name_plural = _("root causes")
        ordering = ["at", "pk"]

    def __str__(self):
        return self.get_cause_display()


class CycleTotals(models.Model):
    """That a cycle's figures per department (DepartmentTotals) are stored, and under which rights
    stamp their people were counted by department: a move, a new department or any change of the
    organisation changes the stamp, and scoring, calibration and root causes clear this row; the
    next reader counts again (reviews/totals.py)."""

    cycle = models.OneToOneField(ReviewCycle, primary_key=True, on_delete=models.CASCADE, related_name="+")
    stamp = models.BigIntegerField()
    counted_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cycle totals")
        verbose_name_plural = _("cycle totals")

    def __str__(self):
        return str(self.cycle_id)


class DepartmentTotals(models.Model):
    """A cycle's figures for the people of one department and every department under it: complete
    results per band, results pending, indicators scored and short (共性问题), root causes. A team
    view adds up the few departments HR is assigned instead of counting 20,000 people per request."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey("org.Department", on_delete=models.CASCADE, related_name="+")
    bands = models.JSONField(default=dict)  # band → complete results
    pending = models.IntegerField(default=0)
    shortfalls = models.JSONField(default=dict)  # indicator name → [scored, short]
    causes = models.JSONField(default=dict)  # root cause → count

    class Meta:
        verbose_name = _("department totals")
        verbose_name_plural = _("department totals")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "department"], name="one_totals_per_department")
        ]

    def __str__(self):
        return f"{self.cycle_id}/{self.department_id}"


class IndicatorTotals(models.Model):
    """A cycle's scored indicators counted per department (where each person was scored) and
    indicator: scored, short, and the points short to the nearest point → people. Written with
    the scored indicators when the cycle is scored, so that a team report over a company adds up
    a few thousand rows instead of aggregating 100,000."""

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey("org.Department", on_delete=models.CASCADE, null=True, related_name="+")
    name = models.CharField(_("indicator"), max_length=100)
    scored = models.IntegerField(default=0)
    short = models.IntegerField(default=0)
    gaps = models.JSONField(default=dict)  # whole points short → people

    class Meta:
        verbose_name = _("indicator totals")
        verbose_name_plural = _("indicator totals")
        indexes = [models.Index(fields=["cycle", "department"], name="indicator_totals_by_department")]

    def __str__(self):
        return f"{self.cycle_id}/{self.department_id}/{self.name}"
