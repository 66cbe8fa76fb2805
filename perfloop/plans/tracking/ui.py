"""What the follow-up stage adds to the plan: its computed status in the API answer, and the
status, check-ins and readings on the plan's page."""

from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from perfloop.home.registry import MenuItem, TodoSource, add_menu_item, add_todo_source
from perfloop.plans import rules as plan_rules
from perfloop.plans.models import ItemStatus, Plan
from perfloop.plans.registry import (
    PlanSection,
    add_plan_fields,
    add_plan_marks,
    add_plan_section,
    on_plan_written,
)
from perfloop.plans.tracking import agenda, charts, progress, rules, todos, words
from perfloop.plans.tracking.forms import OutcomeForm, ReadingForm
from perfloop.plans.tracking.models import CheckIn, Closure, Reading


def _fields(plan, user) -> dict:
    state = progress.status_of(plan, timezone.localdate())
    closure = getattr(plan, "closure", None) if plan.status in Plan.FINISHED else None
    return {
        "track": state.status if state else None,
        "status_reason": words.status_reason(state),
        "closure_result": closure.result if closure else None,
        "outcome": (closure.outcome or None) if closure else None,
    }


def _section(request, plan) -> dict:
    if plan.status == plan.Status.DRAFT:
        return {}  # nothing to follow up yet, and no query spent on it
    closure = (
        Closure.objects.select_related("decided_by__employee", "checked_by__employee", "extension")
        .filter(plan=plan)
        .first()
        if plan.status in Plan.FINISHED
        else None
    )
    today = timezone.localdate()
    goals = list(plan.goals.all())
    checkins = list(
        CheckIn.objects.filter(plan=plan).prefetch_related("readings__goal").select_related("by__employee")
    )
    # The plan's goals, milestones and support are loaded with it: its status and its charts are
    # computed from them, its confirmed readings and its check-ins, read once here.
    readings = defaultdict(list)
    for goal_id, on, value in (
        Reading.objects.filter(goal__plan=plan, confirmed_by__isnull=False)
        .order_by("taken_on", "pk")
        .values_list("goal_id", "taken_on", "value")
    ):
        readings[goal_id].append((on, value))
    held = {}
    for checkin in checkins:
        key = (plan.pk, checkin.kind)
        held[key] = max(held.get(key, checkin.held_on), checkin.held_on)
    state = progress.loaded_status(plan, readings, held, today)
    pending = list(Reading.objects.filter(goal__plan=plan, confirmed_by__isnull=True).select_related("goal"))
    can_record = rules.can_record(request.user, plan)
    actions, support = list(plan.actions.all()), list(plan.support.all())
    return {
        "plan": plan,
        "state": state,
        "label": words.LABELS[state.status] if state else "",
        "reasons": [words.reason_text(r) for r in state.reasons] if state else [],
        "checkins": checkins,
        "pending": pending,
        "can_record": can_record,
        "charts": _charts(plan, goals, readings),
        "actions_done": (sum(a.status == ItemStatus.DONE for a in actions), len(actions)),
        "support_done": (sum(s.status == ItemStatus.DONE for s in support), len(support)),
        "can_close": rules.can_close(request.user, plan),
        "closure": closure,
        "outcome_form": OutcomeForm(
            initial={"outcome": closure.outcome, "reason": closure.outcome_reason}, team=plan.is_team
        )
        if rules.can_decide(request.user, plan, closure)
        else None,
        "can_check": rules.can_check(request.user, plan, closure),
        "can_acknowledge": rules.can_acknowledge(request.user, plan, closure),
        "reading_form": (
            ReadingForm(goals=goals, initial={"taken_on": today})
            if rules.can_add_reading(request.user, plan)
            else None
        ),
    }


def _charts(plan, goals, readings: dict) -> list[dict]:
    """One progress chart per goal, from the confirmed readings by goal id."""
    milestones = list(plan.milestones.all())
    return [
        {
            "id": f"goal-chart-{goal.pk}",
            "options": charts.goal_progress(
                goal, readings[goal.pk], [m for m in milestones if m.goal_id == goal.pk], plan.start_date
            ),
        }
        for goal in goals
    ]


def _marks(plans) -> dict:
    """On or off track, beside each active plan of a list (a fixed number of queries a page)."""
    active = [p for p in plans if p.status == Plan.Status.ACTIVE]
    tones = {"on_track": "success", "off_track": "danger", "no_data": "secondary"}
    states = progress.statuses(active, timezone.localdate()) if active else {}
    return {pk: (str(words.LABELS[state.status]), tones[state.status]) for pk, state in states.items()}


def register():
    add_plan_marks(_marks)
    add_todo_source(TodoSource("follow-up", plan_rules.can_use_plans, todos.todos, order=40))
    add_menu_item(MenuItem("follow-up", _("Follow-up"), "followup:due", plan_rules.can_use_plans, order=32))
    add_plan_fields(_fields)
    on_plan_written(agenda.invalidate)
    add_plan_section(PlanSection("follow-up", "followup/_plan_section.html", _section, order=10))
