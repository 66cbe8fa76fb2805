"""Editing a plan and its parts (goals, actions, the company's support, milestones), with the
adjustment log 计划调整: once the plan is active every change says why, and the service records
who, when, why and the old and new values; a goal's target or deadline changed asks the employee
to acknowledge again."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop import inputs
from perfloop.plans import events, guards, rules, sources, teams
from perfloop.plans.models import (
    Action,
    Adjustment,
    Goal,
    ItemStatus,
    Milestone,
    Plan,
    Support,
)

PLAN_KEPT = (
    "title",
    "start_date",
    "end_date",
    "brief_every",
    "brief_minutes",
    "formal_every",
    "formal_minutes",
)


KEPT = {
    Adjustment.What.GOAL: (
        "description",
        "metric",
        "unit",
        "baseline",
        "target",
        "direction",
        "means",
        "deadline",
    ),
    Adjustment.What.ACTION: ("text", "owner", "owner_name", "due"),
    Adjustment.What.SUPPORT: ("kind", "text", "amount", "person", "owner_name", "due"),
    Adjustment.What.MILESTONE: ("title", "due", "expected", "goal_id"),
}
ASKS_AGAIN = {"target", "deadline"}  # a goal's target or deadline changed: the employee acknowledges again


def _why(plan: Plan, reason: str) -> str:
    """Once the plan is active, a change says why (it is kept in the plan's history)."""
    if plan.status != guards.Status.ACTIVE:
        return ""
    if not (reason or "").strip():
        raise ValidationError(
            _("Say why the plan changes: it is active, and the change is kept in its history."),
            code="invalid",
        )
    return inputs.text(reason, _("Reason"), limit=500)


def _values(item, names) -> dict:
    values = {}
    for name in names:
        value = getattr(item, name)
        values[name] = None if value is None else str(value)
    return values


def _adjusted(plan: Plan, by, reason: str, what: str, item, change: str, old: dict, new: dict) -> None:
    if plan.status != guards.Status.ACTIVE:
        return
    if change == Adjustment.Change.CHANGED:
        names = [name for name in new if old.get(name) != new.get(name)]
        if not names:
            return
        old, new = {n: old.get(n) for n in names}, {n: new[n] for n in names}
    label = getattr(item, "description", None) or getattr(item, "text", None) or getattr(item, "title", "")
    needs_ack = (
        (not plan.is_team)
        and what == Adjustment.What.GOAL
        and (change != Adjustment.Change.CHANGED or bool(ASKS_AGAIN & set(new)))
    )
    Adjustment.objects.create(
        plan=plan, by=by, reason=reason, what=what, item_id=item.pk, label=label[:300], change=change,
        old=old, new=new, needs_ack=needs_ack,
    )  # fmt: skip
    if needs_ack:
        events.emit(events.ADJUSTED, plan, by)


def _added(plan: Plan, by, reason: str, what: str, item) -> None:
    _adjusted(plan, by, reason, what, item, Adjustment.Change.ADDED, {}, _values(item, KEPT[what]))


def _removed(plan: Plan, by, reason: str, what: str, item) -> None:
    _adjusted(plan, by, reason, what, item, Adjustment.Change.REMOVED, _values(item, KEPT[what]), {})


@transaction.atomic
def update(*, plan: Plan, by, reason: str = "", **fields) -> Plan:
    """The plan's title, dates and cadence."""
    guards.check_edit(plan, by)
    reason = _why(plan, reason)
    old = _values(plan, PLAN_KEPT)
    if "title" in fields:
        plan.title = inputs.text(fields["title"], _("Title"), limit=200)
    plan.start_date = fields.get("start_date") or plan.start_date
    plan.end_date = fields.get("end_date") or plan.end_date
    guards.check_dates(plan.start_date, plan.end_date)
    for name, value in guards.cadence(fields).items():
        setattr(plan, name, value)
    plan.sequence += 1  # the check-ins' calendar changes with the dates and the cadence
    plan.save()
    _adjusted(
        plan, by, reason, Adjustment.What.PLAN, plan, Adjustment.Change.CHANGED, old, _values(plan, PLAN_KEPT)
    )
    return plan


GOAL_FIELDS = (
    "description",
    "metric",
    "unit",
    "baseline",
    "target",
    "direction",
    "means",
    "deadline",
    "source",
)


def _goal_values(plan: Plan, fields: dict, goal: Goal | None = None) -> dict:
    values = {}
    if "description" in fields or goal is None:
        values["description"] = inputs.text(fields.get("description"), _("Goal"))
    for name, label, limit in (
        ("metric", _("Metric"), 200),
        ("unit", _("Unit"), 30),
        ("means", _("Means"), 500),
    ):
        if name in fields:
            values[name] = inputs.text(fields[name], label, required=False, limit=limit)
    if "source" in fields:
        values["source"] = inputs.text(fields["source"], _("Improvement item"), required=False, limit=300)
    for name, label in (("baseline", _("Baseline")), ("target", _("Target"))):
        if name in fields:
            values[name] = inputs.number(fields[name], label)
    if "direction" in fields and fields["direction"]:
        if fields["direction"] not in Goal.Direction.values:
            raise ValidationError(_("Choose a direction from the list."), code="invalid")
        values["direction"] = fields["direction"]
    if "deadline" in fields:
        values["deadline"] = guards.within(plan, fields["deadline"], _("The deadline"))
    if "indicator_id" in fields:
        values["indicator_id"] = (
            fields["indicator_id"] if _indicator_allowed(plan, fields["indicator_id"]) else None
        )
    return values


def _indicator_allowed(plan: Plan, indicator_id) -> bool:
    """A goal links to an indicator of the plan's own result, not any indicator id sent."""
    if not indicator_id or plan.result is None:
        return False
    return any(item["indicator_id"] == indicator_id for item in sources.improvement_items(plan.result))


@transaction.atomic
def add_goal(*, plan: Plan, by, reason: str = "", **fields) -> Goal:
    guards.check_edit(plan, by)
    reason = _why(plan, reason)
    goal = Goal.objects.create(plan=plan, **_goal_values(plan, fields))
    _added(plan, by, reason, Adjustment.What.GOAL, goal)
    return goal


@transaction.atomic
def update_goal(*, goal: Goal, by, reason: str = "", **fields) -> Goal:
    guards.check_edit(goal.plan, by)
    reason = _why(goal.plan, reason)
    kept = KEPT[Adjustment.What.GOAL]
    old = _values(goal, kept)
    for name, value in _goal_values(goal.plan, fields, goal).items():
        setattr(goal, name, value)
    goal.save()
    _adjusted(
        goal.plan, by, reason, Adjustment.What.GOAL, goal, Adjustment.Change.CHANGED, old, _values(goal, kept)
    )
    return goal


@transaction.atomic
def remove_goal(*, goal: Goal, by, reason: str = "") -> None:
    guards.check_edit(goal.plan, by)
    _removed(goal.plan, by, _why(goal.plan, reason), Adjustment.What.GOAL, goal)
    goal.delete()


def _owner(fields: dict) -> tuple[str, str]:
    owner = fields.get("owner") or Action.Owner.EMPLOYEE
    if owner not in Action.Owner.values:
        raise ValidationError(_("Choose who owns the action from the list."), code="invalid")
    name = inputs.text(
        fields.get("owner_name"), _("Owner’s name"), required=owner == Action.Owner.OTHER, limit=100
    )
    return owner, name if owner == Action.Owner.OTHER else ""


@transaction.atomic
def add_action(
    *, plan: Plan, by, text: str, owner: str = "", owner_name: str = "", due=None, reason: str = "",
    assignee: str = "",
) -> Action:  # fmt: skip
    """An action item; on a team plan, assigned to a person of the team by employee number (or
    owned by those who own the plan, or someone named)."""
    guards.check_edit(plan, by)
    reason = _why(plan, reason)
    person = None
    if plan.is_team and (assignee or "").strip():
        person = teams.member(plan, assignee)
        owner, owner_name = Action.Owner.OTHER, person.name
    elif plan.is_team and (owner or Action.Owner.EMPLOYEE) == Action.Owner.EMPLOYEE:
        raise ValidationError(_("A team plan's action is assigned to a person of the team."), code="invalid")
    owner, owner_name = _owner({"owner": owner, "owner_name": owner_name})
    action = Action.objects.create(
        plan=plan,
        text=inputs.text(text, _("Action"), limit=500),
        owner=owner,
        owner_name=owner_name,
        assignee=person,
        due=guards.within(plan, due, _("The due date")),
    )
    _added(plan, by, reason, Adjustment.What.ACTION, action)
    return action


# Support that runs over a time (a rotation 轮岗, a stretch assignment) has its dates.
LASTING = (Support.Kind.ROTATION, Support.Kind.STRETCH)


@transaction.atomic
def add_support(
    *, plan: Plan, by, kind: str, text: str, owner_name: str, amount=None, person: str = "", due=None,
    reason: str = "", starts=None,
) -> Support:  # fmt: skip
    guards.check_edit(plan, by)
    reason = _why(plan, reason)
    if kind not in Support.Kind.values:
        raise ValidationError(_("Choose the kind of support from the list."), code="invalid")
    if kind == Support.Kind.MENTOR and not (person or "").strip():
        raise ValidationError(_("Name the mentor."), code="invalid")
    if kind in LASTING and (starts is None or due is None):
        raise ValidationError(_("Give the dates it runs from and to."), code="invalid")
    starts = guards.within(plan, starts, _("The start date"))
    if starts is not None and due is not None and due < starts:
        raise ValidationError(_("It cannot end before it starts."), code="invalid")
    support = Support.objects.create(
        starts=starts,
        plan=plan,
        kind=kind,
        text=inputs.text(text, _("Commitment"), limit=500),
        amount=inputs.number(amount, _("Amount")),
        person=inputs.text(person, _("Mentor"), required=False, limit=100),
        owner_name=inputs.text(owner_name, _("Owner on the company’s side"), limit=100),
        due=guards.within(plan, due, _("The due date")),
    )
    _added(plan, by, reason, Adjustment.What.SUPPORT, support)
    return support


@transaction.atomic
def add_milestone(
    *, plan: Plan, by, title: str, due: dt.date, goal_id=None, expected=None, reason: str = ""
) -> Milestone:
    guards.check_edit(plan, by)
    reason = _why(plan, reason)
    if due is None:
        raise ValidationError(_("Give the milestone a date."), code="invalid")
    goal = plan.goals.filter(pk=goal_id).first() if goal_id else None
    if goal_id and goal is None:
        raise ValidationError(_("This goal is not on the plan."), code="invalid")
    milestone = Milestone.objects.create(
        plan=plan,
        goal=goal,
        title=inputs.text(title, _("Milestone"), limit=300),
        due=guards.within(plan, due, _("The milestone’s date")),
        expected=inputs.number(expected, _("Expected value")),
    )
    _added(plan, by, reason, Adjustment.What.MILESTONE, milestone)
    return milestone


def _set_status(item, status: str) -> None:
    if status not in ItemStatus.values:
        raise ValidationError(_("Choose a status from the list."), code="invalid")
    item.status = status
    item.done_at = timezone.now() if status == ItemStatus.DONE else None
    item.save(update_fields=["status", "done_at"])


@transaction.atomic
def mark_action(*, action: Action, by, status: str) -> Action:
    guards.lock(action.plan)
    if not rules.can_mark_action(by, action):
        raise PermissionDenied
    _set_status(action, status)
    return action


@transaction.atomic
def mark_support(*, support: Support, by, status: str) -> Support:
    guards.check_edit(support.plan, by)
    _set_status(support, status)
    return support


@transaction.atomic
def remove_item(*, item, by, reason: str = "") -> None:
    """An action, support commitment or milestone taken off the plan."""
    guards.check_edit(item.plan, by)
    what = {
        Action: Adjustment.What.ACTION,
        Support: Adjustment.What.SUPPORT,
        Milestone: Adjustment.What.MILESTONE,
    }
    _removed(item.plan, by, _why(item.plan, reason), what[type(item)], item)
    item.delete()
