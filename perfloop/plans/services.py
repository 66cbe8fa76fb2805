"""Every write of the improvement-plan stage: one function each, checking its own permission and rules.

Status: draft → active → closing → closed. The manager drafts and sends the plan to the employee
(`submit`); the employee comments — a disagreement sends it back — or acknowledges, and the plan
is active. A plan is sent, and acknowledged, only when every goal is measurable and time-bound.
"""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from perfloop.access import audit
from perfloop.access.policy import is_self, people_q
from perfloop.org.models import Employee
from perfloop.org.templatetags.people import person
from perfloop.plans import events, rules, sources
from perfloop.plans.models import (
    Action,
    Adjustment,
    Comment,
    Every,
    Goal,
    ItemStatus,
    Milestone,
    Plan,
    PlanTemplate,
    Support,
)
from perfloop.reviews.models import Result, ReviewCycle

Status = Plan.Status
TEXT_LIMIT = 2000
LONGEST_PLAN = dt.timedelta(days=366)
BLANK = "___"


def log_opened(*, plan: Plan, by, what: str, via: str) -> None:
    if rules.is_logged_read(by, plan):
        audit.log_reads(by, [plan.employee_id], [what], via, ref=f"plan:{plan.pk}")


def _conflict(message: str) -> ValidationError:
    return ValidationError(message, code="conflict")


def lock(plan: Plan) -> Plan:
    """Read the plan again under a row lock, in the caller's transaction: a write decides on the
    plan's state as it is now, not as the page saw it, and two writes to one plan take turns (on
    SQLite every write transaction takes turns already)."""
    plan.refresh_from_db(from_queryset=Plan.objects.select_for_update(of=("self",)))
    return plan


def _check_edit(plan: Plan, by) -> None:
    lock(plan)
    if not rules.can_write(by, plan.employee):
        raise PermissionDenied
    if not plan.editable:
        raise _conflict(
            _("This cannot be done while the plan is %(status)s.") % {"status": plan.get_status_display()}
        )


def _text(value, label, *, required=True, limit=TEXT_LIMIT) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(_("%(field)s: this field is required.") % {"field": label}, code="invalid")
    if len(value) > limit:
        raise ValidationError(
            _("%(field)s: at most %(limit)s characters.") % {"field": label, "limit": limit}, code="invalid"
        )
    if "\x00" in value:
        raise ValidationError(
            _("%(field)s: the text holds a NUL character.") % {"field": label}, code="invalid"
        )
    return value


def _number(value, label) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(_("%(field)s: enter a number.") % {"field": label}, code="invalid") from None
    if not number.is_finite() or abs(number) >= Decimal("1e12"):
        raise ValidationError(_("%(field)s: enter a number.") % {"field": label}, code="invalid")
    return number.quantize(Decimal("0.01"))


def _check_published(cycle: ReviewCycle) -> None:
    """A plan is drafted from results the employee may already see."""
    if cycle.status not in ReviewCycle.PUBLISHED:
        raise ValidationError(
            _("This result is not published yet (the cycle is %(status)s): draft the plan once it is.")
            % {"status": cycle.get_status_display()},
            code="conflict",
        )


def _check_dates(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError(_("The plan ends before it starts."), code="invalid")
    if end - start > LONGEST_PLAN:
        raise ValidationError(_("A plan runs for at most a year; plan a follow-up after it."), code="invalid")


def _within(plan: Plan, day: dt.date | None, label) -> dt.date | None:
    if day is not None and not plan.start_date <= day <= plan.end_date:
        raise ValidationError(
            _("%(field)s must fall within the plan (%(start)s – %(end)s).")
            % {"field": label, "start": plan.start_date.isoformat(), "end": plan.end_date.isoformat()},
            code="invalid",
        )
    return day


# ---------------------------------------------------------------- adjustments of an active plan

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
    if plan.status != Status.ACTIVE:
        return ""
    if not (reason or "").strip():
        raise ValidationError(
            _("Say why the plan changes: it is active, and the change is kept in its history."),
            code="invalid",
        )
    return _text(reason, _("Reason"), limit=500)


def _values(item, names) -> dict:
    values = {}
    for name in names:
        value = getattr(item, name)
        values[name] = None if value is None else str(value)
    return values


def _adjusted(plan: Plan, by, reason: str, what: str, item, change: str, old: dict, new: dict) -> None:
    if plan.status != Status.ACTIVE:
        return
    if change == Adjustment.Change.CHANGED:
        names = [name for name in new if old.get(name) != new.get(name)]
        if not names:
            return
        old, new = {n: old.get(n) for n in names}, {n: new[n] for n in names}
    label = getattr(item, "description", None) or getattr(item, "text", None) or getattr(item, "title", "")
    needs_ack = what == Adjustment.What.GOAL and (
        change != Adjustment.Change.CHANGED or bool(ASKS_AGAIN & set(new))
    )
    Adjustment.objects.create(
        plan=plan, by=by, reason=reason, what=what, item_id=item.pk, label=label[:300], change=change,
        old=old, new=new, needs_ack=needs_ack,
    )  # fmt: skip
    if needs_ack:
        events.emit(events.ADJUSTED, plan, by)


@transaction.atomic
def acknowledge_changes(*, plan: Plan, by) -> int:
    """The employee acknowledges the changes to their goals made since they last did."""
    lock(plan)
    if not is_self(by, plan.employee):
        raise PermissionDenied
    count = plan.adjustments.filter(needs_ack=True, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now()
    )
    if not count:
        raise _conflict(_("No change is waiting for your acknowledgement."))
    return count


# ---------------------------------------------------------------- the plan


@transaction.atomic
def create(
    *,
    employee,
    by,
    title: str,
    start_date: dt.date,
    end_date: dt.date,
    result: Result | None = None,
    feedback=None,
    template: PlanTemplate | None = None,
    chosen: list[str] = (),
    cadence: dict | None = None,
) -> Plan:
    """A draft plan for a person, with the sources the writer chose (improvement items become
    goals, requests become support or actions) and the template's goals, actions and support."""
    if not rules.can_write(by, employee):
        raise PermissionDenied
    if result is not None and result.employee_id != employee.pk:
        raise ValidationError(_("This result is someone else’s."), code="invalid")
    if feedback is not None and feedback.employee_id != employee.pk:
        raise ValidationError(_("This feedback record is someone else’s."), code="invalid")
    # A plan shows the result's figures and the conversation's requests to the employee: only
    # what the employee may already see goes into it.
    if result is not None:
        _check_published(result.cycle)
    if feedback is not None and feedback.status == feedback.Status.PLANNED:
        raise ValidationError(
            _("The feedback conversation has not been held yet: draft the plan after it."), code="conflict"
        )
    _check_dates(start_date, end_date)
    plan = Plan(
        employee=employee,
        owner=by,
        cycle_id=(result.cycle_id if result else feedback.cycle_id if feedback else None),
        result=result,
        feedback=feedback,
        template=template,
        title=_text(title, _("Title"), limit=200),
        start_date=start_date,
        end_date=end_date,
        **_cadence(cadence or {}),
    )
    plan.save()
    goals, actions, support = _drafted(plan, chosen)
    Goal.objects.bulk_create(goals)
    Action.objects.bulk_create(actions)
    Support.objects.bulk_create(support)
    return plan


def _cadence(cadence: dict) -> dict:
    fields = {}
    for kind in ("brief", "formal"):
        every = cadence.get(f"{kind}_every")
        minutes = cadence.get(f"{kind}_minutes")
        if every is not None:
            if every not in Every.values:
                raise ValidationError(_("Choose how often from the list."), code="invalid")
            fields[f"{kind}_every"] = every
        if minutes is not None:
            if not isinstance(minutes, int) or not 5 <= minutes <= 480:
                raise ValidationError(_("A check-in lasts 5 to 480 minutes."), code="invalid")
            fields[f"{kind}_minutes"] = minutes
    return fields


def _drafted(plan: Plan, chosen) -> tuple[list[Goal], list[Action], list[Support]]:
    chosen = set(chosen)
    items = sources.improvement_items(plan.result)
    goals, actions, support = [], [], []
    for item in items:
        if item["key"] in chosen:
            goals.append(_goal_from_item(plan, item))
    for request in sources.requests(plan.feedback):
        if request["key"] not in chosen:
            continue
        if request["becomes"] == "action":
            actions.append(
                Action(plan=plan, text=request["text"][:500], owner=request["as"], due=plan.start_date)
            )
        else:
            support.append(
                Support(
                    plan=plan,
                    kind=request["as"],
                    text=request["text"][:500],
                    owner_name=person(plan.owner),
                    due=plan.start_date + dt.timedelta(days=14),
                )
            )
    if plan.template is not None:
        g, a, s = _from_template(plan, plan.template, items)
        goals += g
        actions += a
        support += s
    return goals, actions, support


def _goal_from_item(plan: Plan, item: dict) -> Goal:
    return Goal(
        plan=plan,
        description=item["sentence"],
        metric=item["metric"][:200],
        unit=item["unit"][:30],
        baseline=item["baseline"],
        target=item["target"],
        direction=item["direction"],
        deadline=plan.end_date,
        indicator_id=item["indicator_id"],
        source=item["sentence"][:300],
    )


def _fill(text: str, item: dict | None) -> str:
    values = {
        "indicator": item["name"] if item else BLANK,
        "baseline": f"{item['baseline'].normalize():f}" if item else BLANK,
        "target": f"{item['target'].normalize():f}" if item else BLANK,
        "unit": item["unit"] if item else "",
    }
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def _from_template(plan: Plan, template: PlanTemplate, items: list[dict]):
    """The template's goals with their blanks filled from the improvement item of its indicator."""
    item = next((i for i in items if i["name"] == template.indicator_name), None)
    if item is None and not template.indicator_name and items:
        item = items[0]
    goals = []
    for entry in template.goals:
        weeks = int(entry.get("weeks") or template.weeks)
        goals.append(
            Goal(
                plan=plan,
                description=_fill(entry.get("description", ""), item)[:TEXT_LIMIT],
                metric=_fill(entry.get("metric", ""), item)[:200],
                unit=_fill(entry.get("unit", ""), item)[:30],
                baseline=item["baseline"] if item else None,
                target=item["target"] if item else None,
                direction=item["direction"] if item else Goal.Direction.UP,
                means=entry.get("means", "")[:500],
                deadline=min(plan.start_date + dt.timedelta(weeks=weeks), plan.end_date),
                indicator_id=item["indicator_id"] if item else None,
                source=(item["sentence"] if item else template.name)[:300],
            )
        )
    actions = [
        Action(plan=plan, text=text[:500], owner=Action.Owner.EMPLOYEE, due=plan.end_date)
        for text in template.actions
    ]
    support = [
        Support(
            plan=plan,
            kind=entry.get("kind", Support.Kind.OTHER),
            text=entry.get("text", "")[:500],
            owner_name=(entry.get("owner") or _("HR"))[:100],
            due=plan.start_date + dt.timedelta(days=14),
        )
        for entry in template.support
    ]
    return goals, actions, support


@transaction.atomic
def update(*, plan: Plan, by, reason: str = "", **fields) -> Plan:
    """The plan's title, dates and cadence."""
    _check_edit(plan, by)
    reason = _why(plan, reason)
    old = _values(plan, PLAN_KEPT)
    if "title" in fields:
        plan.title = _text(fields["title"], _("Title"), limit=200)
    plan.start_date = fields.get("start_date") or plan.start_date
    plan.end_date = fields.get("end_date") or plan.end_date
    _check_dates(plan.start_date, plan.end_date)
    for name, value in _cadence(fields).items():
        setattr(plan, name, value)
    plan.sequence += 1  # the check-ins' calendar changes with the dates and the cadence
    plan.save()
    _adjusted(
        plan, by, reason, Adjustment.What.PLAN, plan, Adjustment.Change.CHANGED, old, _values(plan, PLAN_KEPT)
    )
    return plan


def unmet(plan: Plan) -> list[str]:
    """Why the plan cannot become active yet: no goal, or a goal that is not measurable or time-bound."""
    goals = list(plan.goals.all())
    if not goals:
        return [_("The plan has no goal yet.")]
    problems = []
    for number, goal in enumerate(goals, start=1):
        missing = [letter for letter in goal.missing if letter in ("M", "T")]
        if missing:
            problems.append(
                _("Goal %(number)s: give it %(what)s.") % {"number": number, "what": _missing_words(missing)}
            )
    return problems


def _missing_words(letters: list[str]) -> str:
    words = {"M": _("a target figure (measurable)"), "T": _("a deadline (time-bound)")}
    return _(" and ").join(str(words[letter]) for letter in letters)


@transaction.atomic
def submit(*, plan: Plan, by) -> Plan:
    """Send the draft to the employee to read, comment and acknowledge."""
    _check_edit(plan, by)
    if plan.status != Status.DRAFT:
        raise _conflict(_("Only a draft is sent to the employee."))
    if problems := unmet(plan):
        raise ValidationError(problems, code="invalid")
    plan.submitted_at = timezone.now()
    plan.first_sent_at = plan.first_sent_at or plan.submitted_at  # the employee sees it from now on
    plan.save(update_fields=["submitted_at", "first_sent_at", "updated_at"])
    events.emit(events.SUBMITTED, plan, by)
    return plan


@transaction.atomic
def comment(*, plan: Plan, by, text: str, disagrees: bool = False) -> Comment:
    """A comment on the plan; the employee's disagreement sends the draft back to the manager."""
    lock(plan)
    if not rules.can_comment(by, plan):
        raise PermissionDenied
    text = _text(text, pgettext("plan comment", "Comment"))
    disagrees = bool(disagrees) and rules.can_answer(by, plan)
    note = Comment.objects.create(plan=plan, author=by, text=text, disagrees=disagrees)
    if disagrees:
        plan.submitted_at = None
        plan.save(update_fields=["submitted_at", "updated_at"])
        events.emit(events.DISAGREED, plan, by)
    else:
        events.emit(events.COMMENTED, plan, by)
    return note


@transaction.atomic
def acknowledge(*, plan: Plan, by) -> Plan:
    """The employee agrees to the plan: it is active from now on."""
    lock(plan)
    if not is_self(by, plan.employee):
        raise PermissionDenied
    if not plan.awaiting_employee:
        raise _conflict(_("This plan is not waiting for your acknowledgement."))
    if problems := unmet(plan):
        raise ValidationError(problems, code="invalid")
    plan.status = Status.ACTIVE
    plan.acknowledged_at = timezone.now()
    plan.save(update_fields=["status", "acknowledged_at", "updated_at"])
    events.emit(events.ACKNOWLEDGED, plan, by)
    return plan


# ---------------------------------------------------------------- goals, actions, support, milestones

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
        values["description"] = _text(fields.get("description"), _("Goal"))
    for name, label, limit in (
        ("metric", _("Metric"), 200),
        ("unit", _("Unit"), 30),
        ("means", _("Means"), 500),
    ):
        if name in fields:
            values[name] = _text(fields[name], label, required=False, limit=limit)
    if "source" in fields:
        values["source"] = _text(fields["source"], _("Improvement item"), required=False, limit=300)
    for name, label in (("baseline", _("Baseline")), ("target", _("Target"))):
        if name in fields:
            values[name] = _number(fields[name], label)
    if "direction" in fields and fields["direction"]:
        if fields["direction"] not in Goal.Direction.values:
            raise ValidationError(_("Choose a direction from the list."), code="invalid")
        values["direction"] = fields["direction"]
    if "deadline" in fields:
        values["deadline"] = _within(plan, fields["deadline"], _("The deadline"))
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
    _check_edit(plan, by)
    reason = _why(plan, reason)
    goal = Goal.objects.create(plan=plan, **_goal_values(plan, fields))
    _added(plan, by, reason, Adjustment.What.GOAL, goal)
    return goal


@transaction.atomic
def update_goal(*, goal: Goal, by, reason: str = "", **fields) -> Goal:
    _check_edit(goal.plan, by)
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
    _check_edit(goal.plan, by)
    _removed(goal.plan, by, _why(goal.plan, reason), Adjustment.What.GOAL, goal)
    goal.delete()


def _added(plan: Plan, by, reason: str, what: str, item) -> None:
    _adjusted(plan, by, reason, what, item, Adjustment.Change.ADDED, {}, _values(item, KEPT[what]))


def _removed(plan: Plan, by, reason: str, what: str, item) -> None:
    _adjusted(plan, by, reason, what, item, Adjustment.Change.REMOVED, _values(item, KEPT[what]), {})


def _owner(fields: dict) -> tuple[str, str]:
    owner = fields.get("owner") or Action.Owner.EMPLOYEE
    if owner not in Action.Owner.values:
        raise ValidationError(_("Choose who owns the action from the list."), code="invalid")
    name = _text(fields.get("owner_name"), _("Owner’s name"), required=owner == Action.Owner.OTHER, limit=100)
    return owner, name if owner == Action.Owner.OTHER else ""


@transaction.atomic
def add_action(
    *, plan: Plan, by, text: str, owner: str = "", owner_name: str = "", due=None, reason: str = ""
) -> Action:
    _check_edit(plan, by)
    reason = _why(plan, reason)
    owner, owner_name = _owner({"owner": owner, "owner_name": owner_name})
    action = Action.objects.create(
        plan=plan,
        text=_text(text, _("Action"), limit=500),
        owner=owner,
        owner_name=owner_name,
        due=_within(plan, due, _("The due date")),
    )
    _added(plan, by, reason, Adjustment.What.ACTION, action)
    return action


@transaction.atomic
def add_support(
    *, plan: Plan, by, kind: str, text: str, owner_name: str, amount=None, person: str = "", due=None,
    reason: str = "",
) -> Support:  # fmt: skip
    _check_edit(plan, by)
    reason = _why(plan, reason)
    if kind not in Support.Kind.values:
        raise ValidationError(_("Choose the kind of support from the list."), code="invalid")
    if kind == Support.Kind.MENTOR and not (person or "").strip():
        raise ValidationError(_("Name the mentor."), code="invalid")
    support = Support.objects.create(
        plan=plan,
        kind=kind,
        text=_text(text, _("Commitment"), limit=500),
        amount=_number(amount, _("Amount")),
        person=_text(person, _("Mentor"), required=False, limit=100),
        owner_name=_text(owner_name, _("Owner on the company’s side"), limit=100),
        due=_within(plan, due, _("The due date")),
    )
    _added(plan, by, reason, Adjustment.What.SUPPORT, support)
    return support


@transaction.atomic
def add_milestone(
    *, plan: Plan, by, title: str, due: dt.date, goal_id=None, expected=None, reason: str = ""
) -> Milestone:
    _check_edit(plan, by)
    reason = _why(plan, reason)
    if due is None:
        raise ValidationError(_("Give the milestone a date."), code="invalid")
    goal = plan.goals.filter(pk=goal_id).first() if goal_id else None
    if goal_id and goal is None:
        raise ValidationError(_("This goal is not on the plan."), code="invalid")
    milestone = Milestone.objects.create(
        plan=plan,
        goal=goal,
        title=_text(title, _("Milestone"), limit=300),
        due=_within(plan, due, _("The milestone’s date")),
        expected=_number(expected, _("Expected value")),
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
    lock(action.plan)
    if not rules.can_mark_action(by, action):
        raise PermissionDenied
    _set_status(action, status)
    return action


@transaction.atomic
def mark_support(*, support: Support, by, status: str) -> Support:
    _check_edit(support.plan, by)
    _set_status(support, status)
    return support


@transaction.atomic
def remove_item(*, item, by, reason: str = "") -> None:
    """An action, support commitment or milestone taken off the plan."""
    _check_edit(item.plan, by)
    what = {
        Action: Adjustment.What.ACTION,
        Support: Adjustment.What.SUPPORT,
        Milestone: Adjustment.What.MILESTONE,
    }
    _removed(item.plan, by, _why(item.plan, reason), what[type(item)], item)
    item.delete()


# ---------------------------------------------------------------- templates and bulk drafting


def _template_entries(goals, actions, support) -> tuple[list, list, list]:
    goals = [
        {
            "description": _text(g.get("description"), _("Goal"), limit=TEXT_LIMIT),
            "metric": _text(g.get("metric"), _("Metric"), required=False, limit=200),
            "unit": _text(g.get("unit"), _("Unit"), required=False, limit=30),
            "means": _text(g.get("means"), _("Means"), required=False, limit=500),
            **({"weeks": int(g["weeks"])} if g.get("weeks") else {}),
        }
        for g in goals
    ]
    actions = [_text(a, _("Action"), limit=500) for a in actions if (a or "").strip()]
    for entry in support:
        if entry.get("kind") not in Support.Kind.values:
            raise ValidationError(_("Choose the kind of support from the list."), code="invalid")
    support = [
        {"kind": s["kind"], "text": _text(s.get("text"), _("Commitment"), limit=500)}
        | ({"owner": _text(s["owner"], _("Owner"), limit=100)} if s.get("owner") else {})
        for s in support
    ]
    return goals, actions, support


@transaction.atomic
def save_template(
    *,
    by,
    name: str,
    template: PlanTemplate | None = None,
    root_cause: str = "",
    indicator_name: str = "",
    weeks: int = 8,
    goals=(),
    actions=(),
    support=(),
) -> PlanTemplate:
    if not rules.can_manage_templates(by):
        raise PermissionDenied
    name = _text(name, _("Name"), limit=200)
    if PlanTemplate.objects.filter(name=name).exclude(pk=getattr(template, "pk", None)).exists():
        raise ValidationError(_("A template with this name exists already."), code="conflict")
    if root_cause and root_cause not in dict(PlanTemplate._meta.get_field("root_cause").choices):
        raise ValidationError(_("Choose a root cause from the list."), code="invalid")
    if not 1 <= int(weeks) <= 52:
        raise ValidationError(_("A plan lasts 1 to 52 weeks."), code="invalid")
    goals, actions, support = _template_entries(goals, actions, support)
    template = template or PlanTemplate(created_by=by)
    template.name, template.root_cause = name, root_cause
    template.indicator_name = _text(indicator_name, _("Indicator"), required=False, limit=100)
    template.weeks, template.goals, template.actions, template.support = int(weeks), goals, actions, support
    template.save()
    return template


@transaction.atomic
def delete_template(*, template: PlanTemplate, by) -> None:
    if not rules.can_manage_templates(by):
        raise PermissionDenied
    template.delete()


@transaction.atomic
def draft_in_bulk(*, cycle: ReviewCycle, template: PlanTemplate, bands, by, start_date: dt.date) -> int:
    """A draft plan from the template for everyone in the HR user's scope whose band in the cycle is
    one of `bands`, owned by their manager; people who already have a plan in the cycle are left
    alone, so running it twice drafts nothing new. Returns how many plans were drafted."""
    if not rules.can_draft_in_bulk(by):
        raise PermissionDenied
    if not bands:
        raise ValidationError(_("Choose at least one band."), code="invalid")
    _check_published(cycle)
    end_date = start_date + dt.timedelta(weeks=template.weeks)
    has_plan = Plan.objects.filter(cycle=cycle).values("employee_id")
    results = list(
        Result.objects.filter(cycle=cycle, band__in=list(bands))
        .filter(people_q(by, via="employee__", hr_only=True))  # HR's scope, never their own result
        .exclude(employee_id__in=has_plan)
        .select_related("employee__department")
        .order_by("employee_id")
    )
    owners = _nearest_managers_with_login([r.employee for r in results])
    plans = [
        Plan(
            employee=r.employee,
            owner_id=owners.get(r.employee_id, by.pk),
            cycle=cycle,
            result=r,
            template=template,
            title=template.name[:200],
            start_date=start_date,
            end_date=end_date,
        )
        for r in results
    ]
    Plan.objects.bulk_create(plans, batch_size=500)
    goals, actions, support = [], [], []
    for plan, result in zip(plans, results, strict=True):
        plan.result = result
        g, a, s = _from_template(plan, template, sources.improvement_items(result))
        goals += g
        actions += a
        support += s
    Goal.objects.bulk_create(goals, batch_size=1000)
    Action.objects.bulk_create(actions, batch_size=1000)
    Support.objects.bulk_create(support, batch_size=1000)
    return len(plans)


def _nearest_managers_with_login(employees) -> dict[int, int]:
    """Employee id → the user of their nearest manager up the chain who can sign in (one query)."""
    chains = {e.pk: [int(i) for i in e.manager_path.strip("/").split("/") if i] for e in employees}
    ids = {i for chain in chains.values() for i in chain}
    logins = dict(Employee.objects.filter(pk__in=ids, user__isnull=False).values_list("pk", "user_id"))
    owners = {}
    for pk, chain in chains.items():
        found = next((logins[i] for i in reversed(chain) if i in logins), None)
        if found is not None:
            owners[pk] = found
    return owners
