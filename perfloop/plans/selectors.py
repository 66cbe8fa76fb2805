"""Read queries of the improvement-plan stage, already scoped to the user."""

from django.db.models import Prefetch

from perfloop.plans.models import Comment, Goal, Plan, PlanTemplate

ROW_FIELDS = (
    "id",
    "title",
    "status",
    "start_date",
    "end_date",
    "submitted_at",
    "employee_id",
    "owner_id",
    "cycle_id",
    "employee__name",
    "employee__employee_no",
    "employee__department__name",
)
RELATED = ("employee__department", "employee__position", "owner__employee", "cycle", "result", "feedback")


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
    return plans.select_related("employee__department").only(*ROW_FIELDS).order_by("-pk")


def templates():
    return PlanTemplate.objects.all()
