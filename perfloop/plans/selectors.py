"""Read queries of the improvement-plan stage, already scoped to the user."""

from django.db.models import Prefetch, Q

from perfloop.access.policy import roles_for
from perfloop.feedback.models import FeedbackRecord
from perfloop.org.selectors import search_q
from perfloop.plans import cadence, lifecycle, rules, teams
from perfloop.plans.models import Action, Adjustment, Comment, Goal, Milestone, Plan, PlanTemplate, Support
from perfloop.reviews.models import Result, ReviewCycle

ROW_FIELDS = (
    "id",
    "kind",
    "title",
    "status",
    "start_date",
    "end_date",
    "submitted_at",
    "brief_every",  # the cadences: a list's on/off-track mark is computed from them
    "formal_every",
    "employee_id",
    "owner_id",
    "cycle_id",
    "employee__name",
    "employee__employee_no",
    "employee__department__name",
    "department_id",
    "department__name",
)
RELATED = (
    "employee__department", "employee__position", "department", "owner__employee", "cycle", "result", "feedback",
    "target_position",
)  # fmt: skip


def plan_for(user, pk: int) -> Plan | None:
    """One plan the user sees, with its goals (and their milestones), actions, support and comments."""
    return (
        Plan.objects.visible_to(user)
        .select_related(*RELATED)
        .prefetch_related(
            Prefetch("goals", queryset=Goal.objects.select_related("indicator")),
            "actions",
            "support",
            "milestones",
            Prefetch("comments", queryset=Comment.objects.select_related("author__employee")),
        )
        .filter(pk=pk)
        .first()
    )


def plans_for(user, *, status: str = "", reached_only: bool = False, employee_id: int | None = None):
    """Plans the user sees (their own, their subtree's, their HR scope's), newest first;
    `reached_only` leaves out the user's own (a team list)."""
    plans = Plan.objects.reached_by(user) if reached_only else Plan.objects.visible_to(user)
    if status:
        plans = plans.filter(status=status)
    if employee_id:
        plans = plans.filter(employee_id=employee_id)
    return plans.select_related("employee__department", "department").only(*ROW_FIELDS).order_by("-pk")


def my_plans(user):
    """The user's own plans, and the team plans they have an action on, newest first."""
    me = roles_for(user).employee
    if me is None:
        return Plan.objects.none()
    return plans_for(user).filter(Q(employee=me) | Plan.objects.assigned_q(me))


SENT = "sent"  # a list filter: drafts sent to the employee, not yet acknowledged
TEAM = "team"  # a list filter: team plans, of any status
SORTS = {"": ("-pk",), "end": ("end_date", "pk"), "name": ("employee__spelling", "employee__name", "pk")}


def team_plans(user, filters: dict):
    """The plans of the user's reach (never their own), searched, filtered and sorted as the team
    list's form asks (PlanListForm's cleaned data)."""
    plans = plans_for(user, reached_only=True)
    status = filters.get("status") or ""
    if status == SENT:
        plans = plans.filter(status=Plan.Status.DRAFT, submitted_at__isnull=False)
    elif status == TEAM:
        plans = plans.filter(department__isnull=False)
    elif status == Plan.Status.DRAFT:
        plans = plans.filter(status=status, submitted_at__isnull=True)
    elif status:
        plans = plans.filter(status=status)
    if q := filters.get("q"):
        plans = plans.filter(search_q(q, "employee__", position=False) | Q(title__icontains=q))
    if cycle := filters.get("cycle"):
        plans = plans.filter(cycle=cycle)
    if department := filters.get("department"):
        plans = plans.filter(
            Q(employee__department__path__under=department.path) | Q(department__path__under=department.path)
        )
    return plans.order_by(*SORTS.get(filters.get("sort") or "", SORTS[""]))


def sources_of(employee) -> tuple:
    """What a new plan for the person is drafted from: their latest published result and that
    cycle's feedback record, once the conversation was held (its requests count from then on)."""
    result = (
        Result.objects.filter(employee=employee, cycle__in=ReviewCycle.objects.published())
        .select_related("cycle", "employee__department")
        .order_by("-cycle__start_date", "-pk")
        .first()
    )
    if result is None:
        return None, None
    record = (
        FeedbackRecord.objects.filter(cycle_id=result.cycle_id, employee=employee)
        .exclude(status=FeedbackRecord.Status.PLANNED)
        .first()
    )
    return result, record


def plan_page(user, plan: Plan) -> dict:
    """What the plan's page shows of it, for this user (`plan` as plan_for loaded it): its goals
    with their SMART letters, actions (and whether the user ticks them), support, milestones,
    comments, check-ins, what keeps a draft from being sent, and the changes since it was active."""
    status = plan.status
    changes = history(plan) if status != Plan.Status.DRAFT else []
    to_acknowledge = [
        row["adjustment"]
        for row in changes
        if row["adjustment"].needs_ack and not row["adjustment"].acknowledged_at
    ]
    return {
        "plan": plan,
        "goal_rows": [
            {"goal": goal, "letters": list(goal.letters().items()), "missing": goal.missing}
            for goal in plan.goals.all()
        ],
        "actions": [(a, rules.can_mark_action(user, a)) for a in plan.actions.all()],
        "support": list(plan.support.all()),
        "milestones": list(plan.milestones.all()),
        "comments": list(plan.comments.all()),
        "check_ins": cadence.check_ins(plan),
        "team_figures": teams.figures(plan),
        "unmet": lifecycle.unmet(plan) if status == Plan.Status.DRAFT else [],
        "can_edit": rules.can_edit(user, plan),
        "can_answer": rules.can_answer(user, plan),
        "can_comment": rules.can_comment(user, plan),
        "history": changes,
        "changes_to_acknowledge": to_acknowledge,
        "can_acknowledge_changes": bool(to_acknowledge) and rules.is_subject(user, plan),
    }


def templates():
    return PlanTemplate.objects.all()


HISTORY_LIMIT = 100
MODELS = {"plan": Plan, "goal": Goal, "action": Action, "support": Support, "milestone": Milestone}


def adjustments(plan: Plan) -> list[Adjustment]:
    """The latest changes made once the plan was active (at most HISTORY_LIMIT), oldest first."""
    latest = list(plan.adjustments.select_related("by__employee").order_by("-at", "-pk")[:HISTORY_LIMIT])
    return latest[::-1]


def history(plan: Plan) -> list[dict]:
    """Each change with its fields named and its values shown as a reader sees them."""
    rows = []
    for a in adjustments(plan):
        model = MODELS[a.what]
        fields = []
        for name in {**a.old, **a.new}:
            field = model._meta.get_field(name.removesuffix("_id"))
            choices = dict(field.flatchoices) if field.choices else {}
            fields.append(
                (field.verbose_name, _shown(a.old.get(name), choices), _shown(a.new.get(name), choices))
            )
        rows.append({"adjustment": a, "fields": fields})
    return rows


def _shown(value, choices: dict):
    if value is None:
        return "—"
    return choices.get(value, value)
