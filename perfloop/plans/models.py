"""The plan: an improvement plan 改进计划 or a development plan 个人发展计划; SMART goals, action items, the company's support, milestones, cadence.

One plan for one person, usually from a review result's improvement items and the feedback
conversation's requests, sometimes without a cycle (continuous improvement). The manager drafts
it and sends it to the employee, who comments or acknowledges it; acknowledged, it is active.
Status: draft → active → closing → closed.

A team plan 团队改进计划 has a department as its subject instead of one person (a common problem
of the team report acted on together): its goals are on the team's figures, its actions are
assigned to people of the team, and those who own it start it themselves (`plans.teams`).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perfloop.access.policy import ScopedQuerySet, people_q, roles_for, whole_departments_q
from perfloop.org.models import Department, Employee
from perfloop.plans import smart
from perfloop.reviews.models import RootCause

AMOUNT = {"max_digits": 14, "decimal_places": 2}


class Every(models.TextChoices):
    WEEK = "week", _("Every week")
    TWO_WEEKS = "two_weeks", _("Every two weeks")
    MONTH = "month", _("Every month")


class PlanQuerySet(ScopedQuerySet):
    def own_q(self):
        """A person sees their own plan from the moment it is first sent to them (a plan past the
        draft was sent and acknowledged), never a draft before that."""
        return ~models.Q(status=Plan.Status.DRAFT) | models.Q(first_sent_at__isnull=False)

    def visible_to(self, user):
        """A person's plans as the access core gives them; team plans of the departments the user's
        rights reach whole, and those, once started, where the user has an action assigned."""
        me = roles_for(user).employee
        others = self._reached(user)
        if others is None:
            return self.all()  # company-wide HR reaches every plan, the team plans too
        if me is None:
            return self.filter(others)
        own = models.Q(employee_id=me.pk) & self.own_q()
        assigned = self.assigned_q(me) & ~models.Q(status=Plan.Status.DRAFT)
        return self.filter(own | others | assigned)

    @staticmethod
    def assigned_q(employee) -> models.Q:
        """Plans with an action assigned to the person (team plans only have assignees)."""
        return models.Q(pk__in=Action.objects.filter(assignee=employee).values("plan_id"))

    def reached_by(self, user):
        """Only the plans the user's manager or HR rights reach (never their own, nor a team plan
        they only have an action on)."""
        others = self._reached(user)
        return self.all() if others is None else self.filter(others)

    @staticmethod
    def _reached(user) -> models.Q | None:
        """Plans of the people the user's rights reach and of the departments they reach whole, each
        a subquery on the plan's own indexed column (so that the database unites two index reads
        instead of joining every plan); None: every plan."""
        people = people_q(user)
        if people == models.Q():
            return None
        return models.Q(employee_id__in=Employee.objects.filter(people).values("pk")) | models.Q(
            department_id__in=Department.objects.filter(whole_departments_q(user)).values("pk")
        )


class Plan(models.Model):
    people_via = "employee__"

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("plan status", "Draft")
        ACTIVE = "active", pgettext_lazy("plan status", "Active")
        CLOSING = "closing", pgettext_lazy("plan status", "Closing")
        CLOSED = "closed", pgettext_lazy("plan status", "Closed")
        # A draft sent to the employee and then taken back as wrong, with the reason they read.
        CANCELLED = "cancelled", pgettext_lazy("plan status", "Cancelled")

    class Kind(models.TextChoices):
        # 改进计划: closing a gap the review found.
        IMPROVEMENT = "improvement", _("Improvement plan")
        # 个人发展计划: building on strengths towards a next role (the guide's career development).
        DEVELOPMENT = "development", _("Development plan")

    # A result recorded: closing, then closed once the outcome is decided.
    FINISHED = (Status.CLOSING, Status.CLOSED)

    kind = models.CharField(_("kind of plan"), max_length=12, choices=Kind.choices, default=Kind.IMPROVEMENT)
    # A development plan's aim: the position it prepares the person for.
    target_position = models.ForeignKey(
        "org.Position",
        verbose_name=_("target position"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    # The subject: one person, or a department for a team plan (exactly one of the two).
    employee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("employee"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="improvement_plans",
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="team_plans",
    )
    # The manager who owns the plan (or HR standing in).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    # Where it came from; none of them for continuous improvement outside a cycle.
    cycle = models.ForeignKey(
        "reviews.ReviewCycle",
        verbose_name=_("review cycle"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    result = models.ForeignKey(
        "reviews.Result",
        verbose_name=_("review result"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    feedback = models.ForeignKey(
        "feedback.FeedbackRecord",
        verbose_name=_("feedback record"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The bulk run that drafted it, if one did: a wrong run is undone as a whole.
    bulk_run = models.ForeignKey(
        "plans.BulkRun",
        verbose_name=_("bulk run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="plans",
    )
    template = models.ForeignKey(
        "plans.PlanTemplate",
        verbose_name=_("plan template"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    # Cadence 跟踪频率: a brief check-in and a formal review, each with its interval and length.
    brief_every = models.CharField(
        _("brief check-in"), max_length=10, choices=Every.choices, default=Every.WEEK
    )
    brief_minutes = models.PositiveSmallIntegerField(_("brief check-in (minutes)"), default=15)
    formal_every = models.CharField(
        _("formal review"), max_length=10, choices=Every.choices, default=Every.MONTH
    )
    formal_minutes = models.PositiveSmallIntegerField(_("formal review (minutes)"), default=60)

    # Sent to the employee to read; cleared when they disagree (back to the manager).
    submitted_at = models.DateTimeField(_("sent to the employee at"), null=True, blank=True)
    # Set once, when the plan is first sent: the employee sees their plan from then on (also once
    # a disagreement has sent it back to the manager), and never a draft before it.
    first_sent_at = models.DateTimeField(_("first sent to the employee at"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    sequence = models.PositiveIntegerField(_("calendar version"), default=0)
    # The day the plan stopped running (its result recorded, or cancelled): its check-ins end there.
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="plan_dates"
            ),
            models.CheckConstraint(
                condition=models.Q(employee__isnull=False, department__isnull=True)
                | models.Q(employee__isnull=True, department__isnull=False),
                name="plan_one_subject",
            ),
        ]
        # A person's plans; a cycle's plans person by person (bulk drafting finds who has one).
        indexes = [
            models.Index(fields=["employee", "status"], name="plan_by_person"),
            models.Index(fields=["cycle", "employee"], name="plan_by_cycle_person"),
            models.Index(fields=["department", "status"], name="plan_by_department"),
        ]

    def __str__(self):
        return f"{self.subject} · {self.title}"

    def get_absolute_url(self):
        return reverse("plans:plan", args=[self.pk])

    @property
    def is_development(self) -> bool:
        return self.kind == self.Kind.DEVELOPMENT

    @property
    def is_team(self) -> bool:
        return self.department_id is not None

    @property
    def subject_name(self) -> str:
        return self.department.name if self.is_team else self.employee.name

    @property
    def subject(self):
        """Whom the plan is about: the person, or the department of a team plan."""
        return self.department if self.is_team else self.employee

    @property
    def awaiting_employee(self) -> bool:
        return self.status == self.Status.DRAFT and self.submitted_at is not None and not self.is_team

    @property
    def status_label(self) -> str:
        """The status as people read it: a draft sent to the employee is no longer called a draft."""
        return _("Sent to the employee") if self.awaiting_employee else self.get_status_display()

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.ACTIVE)

    @property
    def ics_uid(self) -> str:
        return f"plan-{self.pk}@perfloop"


class Goal(models.Model):
    """A SMART goal: what (metric), how much (baseline → target), how (means), why (link), by when."""

    class Direction(models.TextChoices):
        UP = "up", _("Higher is better")
        DOWN = "down", _("Lower is better")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    description = models.TextField(_("goal"))
    metric = models.CharField(_("metric"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    baseline = models.DecimalField(_("baseline"), null=True, blank=True, **AMOUNT)
    target = models.DecimalField(_("target"), null=True, blank=True, **AMOUNT)
    direction = models.CharField(
        _("direction"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    means = models.CharField(_("means"), max_length=500, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    # Relevant: the improvement item or indicator it answers.
    indicator = models.ForeignKey(
        "reviews.Indicator",
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source = models.CharField(_("improvement item"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["pk"]

    def __str__(self):
        return self.description[:60]

    @property
    def linked(self) -> bool:
        return bool(self.indicator_id or self.source.strip())

    def letters(self) -> dict[str, bool]:
        return smart.letters(
            metric=self.metric,
            target=self.target,
            means=self.means,
            relevant=self.linked,
            deadline=self.deadline,
        )

    @property
    def missing(self) -> list[str]:
        met = self.letters()
        return [letter for letter in smart.LETTERS if not met[letter]]


class ItemStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("item status", "Open")
    DONE = "done", pgettext_lazy("item status", "Done")
    DROPPED = "dropped", pgettext_lazy("item status", "Dropped")


class Action(models.Model):
    """An action item 行动项: who does what by when."""

    class Owner(models.TextChoices):
        EMPLOYEE = "employee", _("The employee")
        MANAGER = "manager", _("The manager")
        OTHER = "other", _("Someone else")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    text = models.CharField(_("action"), max_length=500)
    owner = models.CharField(_("owner"), max_length=10, choices=Owner.choices, default=Owner.EMPLOYEE)
    owner_name = models.CharField(_("owner’s name"), max_length=100, blank=True)
    # On a team plan: the person of the team who does it (they see the plan and tick it off).
    assignee = models.ForeignKey(
        "org.Employee",
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = [models.F("due").asc(nulls_last=True), "pk"]

    def __str__(self):
        return self.text[:60]

    @property
    def owner_label(self) -> str:
        return self.owner_name if self.owner == self.Owner.OTHER else str(self.get_owner_display())


class Support(models.Model):
    """What the organisation promises 支持资源: budget, a mentor, tools, time; followed up like actions."""

    class Kind(models.TextChoices):
        BUDGET = "budget", _("Training budget")
        MENTOR = "mentor", _("Mentor")
        TOOLS = "tools", _("Tool access")
        TIME = "time", _("Time")
        # A development plan's: work beyond the role now 挑战性任务, a time in another role 轮岗.
        STRETCH = "stretch", _("Stretch assignment")
        ROTATION = "rotation", _("Rotation")
        OTHER = "other", _("Other")

    # Support that lasts (a rotation, a stretch assignment) runs from `starts` to `due`.

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="support")
    kind = models.CharField(_("kind of support"), max_length=10, choices=Kind.choices)
    text = models.CharField(_("commitment"), max_length=500)
    amount = models.DecimalField(_("amount"), null=True, blank=True, **AMOUNT)
    person = models.CharField(_("mentor"), max_length=100, blank=True)
    # Who on the company's side keeps the promise.
    owner_name = models.CharField(_("owner on the company’s side"), max_length=100)
    starts = models.DateField(_("from"), null=True, blank=True)
    due = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=ItemStatus.choices, default=ItemStatus.OPEN)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)

    class Meta:
        verbose_name = _("support commitment")
        verbose_name_plural = _("support commitments")
        ordering = [models.F("due").asc(nulls_last=True), "pk"]

    def __str__(self):
        return self.text[:60]


class Milestone(models.Model):
    """A date by which a goal's metric should reach an expected value (2周内完成前3章)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="milestones")
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("milestone"), max_length=300)
    due = models.DateField(_("date"))
    expected = models.DecimalField(_("expected value"), null=True, blank=True, **AMOUNT)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = [models.F("due").asc(nulls_last=True), "pk"]

    def __str__(self):
        return self.title


class Comment(models.Model):
    """The employee's (or manager's) comment on the plan; a disagreement sends it back to the manager."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    text = models.TextField(_("comment"))
    disagrees = models.BooleanField(_("disagrees"), default=False)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["at", "pk"]

    def __str__(self):
        return self.text[:60]


class PlanTemplate(models.Model):
    """HR's template for a root cause or an indicator: goals with blanks, typical actions and support.

    A goal's blanks ({indicator}, {baseline}, {target}, {unit}) are filled from the person's
    improvement item for that indicator when a plan starts from the template.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    root_cause = models.CharField(_("root cause"), max_length=12, choices=RootCause.Cause.choices, blank=True)
    indicator_name = models.CharField(_("indicator"), max_length=100, blank=True)
    weeks = models.PositiveSmallIntegerField(_("length (weeks)"), default=8)
    goals = models.JSONField(_("goals"), default=list, blank=True)
    actions = models.JSONField(_("action items"), default=list, blank=True)
    support = models.JSONField(_("support"), default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("plan template")
        verbose_name_plural = _("plan templates")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Adjustment(models.Model):
    """A change to an active plan 计划调整: who, when, why, and the values before and after.

    A goal added, removed, or given another target or deadline asks the employee to acknowledge
    it again (`needs_ack` until `acknowledged_at`).
    """

    class What(models.TextChoices):
        PLAN = "plan", _("The plan")
        GOAL = "goal", _("Goal")
        ACTION = "action", _("Action item")
        SUPPORT = "support", _("Support commitment")
        MILESTONE = "milestone", _("Milestone")

    class Change(models.TextChoices):
        ADDED = "added", _("Added")
        CHANGED = "changed", _("Changed")
        REMOVED = "removed", _("Removed")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="adjustments")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    reason = models.TextField(_("reason"))
    what = models.CharField(_("what"), max_length=10, choices=What.choices)
    item_id = models.PositiveIntegerField(null=True, blank=True)
    label = models.CharField(_("item"), max_length=300, blank=True)
    change = models.CharField(_("change"), max_length=10, choices=Change.choices)
    old = models.JSONField(_("before"), default=dict, blank=True)
    new = models.JSONField(_("after"), default=dict, blank=True)
    needs_ack = models.BooleanField(_("to be acknowledged"), default=False)
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)

    class Meta:
        verbose_name = _("adjustment")
        verbose_name_plural = _("adjustments")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.plan_id} {self.what} {self.change}"


class BulkRun(models.Model):
    """HR's drafting of plans for a cycle's bands in one go: kept so that a wrong run is undone."""

    cycle = models.ForeignKey(
        "reviews.ReviewCycle", verbose_name=_("review cycle"), on_delete=models.CASCADE, related_name="+"
    )
    template = models.ForeignKey(
        PlanTemplate, verbose_name=_("plan template"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    drafted = models.PositiveIntegerField(_("plans drafted"), default=0)
    undone_at = models.DateTimeField(_("undone at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bulk drafting")
        verbose_name_plural = _("bulk draftings")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} · {self.drafted}"
