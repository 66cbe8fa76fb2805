"""A plan's status, and every change of it: draft → active → closing → closed.

The manager drafts and sends the plan to the employee (`submit`); the employee comments — a
disagreement sends it back — or acknowledges, and the plan is active; a team plan is started by
those who own it (`start`). A plan is sent, and
acknowledged, only when every goal is measurable and time-bound. Changes to an active plan's goals
are acknowledged again (`acknowledge_changes`). The tracking wing's closure calls `begin_closing`
(a result recorded) and `close` (the outcome decided), and `extend` drafts the follow-up plan of an
`extend` outcome. Each change emits its plan event here, and nowhere else.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from perfloop import inputs
from perfloop.plans import events, guards, rules
from perfloop.plans.models import Comment, Goal, Plan


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
    guards.check_edit(plan, by)
    if plan.is_team:
        raise guards.conflict(_("A team plan is started by those who own it, not sent to anyone."))
    if plan.status != guards.Status.DRAFT:
        raise guards.conflict(_("Only a draft is sent to the employee."))
    if problems := unmet(plan):
        raise ValidationError(problems, code="invalid")
    plan.submitted_at = timezone.now()
    plan.first_sent_at = plan.first_sent_at or plan.submitted_at  # the employee sees it from now on
    plan.save(update_fields=["submitted_at", "first_sent_at", "updated_at"])
    events.emit(events.SUBMITTED, plan, by)
    return plan


@transaction.atomic
def withdraw(*, plan: Plan, by, reason: str = "") -> Plan | None:
    """Take back a draft that was wrong. One the employee never saw is deleted (None returned);
    one they were sent is cancelled with a reason they read, and kept."""
    guards.check_edit(plan, by)
    if plan.status != guards.Status.DRAFT:
        raise guards.conflict(_("Only a draft is withdrawn; an active plan is closed instead."))
    if plan.first_sent_at is None:
        plan.delete()
        return None
    reason = inputs.text(reason, _("Why it is cancelled (the employee reads it)"), limit=1000)
    plan.status, plan.cancel_reason, plan.cancelled_at = Plan.Status.CANCELLED, reason, timezone.now()
    plan.submitted_at, plan.ended_on = None, timezone.localdate()
    plan.save(
        update_fields=["status", "cancel_reason", "cancelled_at", "submitted_at", "ended_on", "updated_at"]
    )
    events.emit(events.WITHDRAWN, plan, by)
    return plan


@transaction.atomic
def comment(*, plan: Plan, by, text: str, disagrees: bool = False) -> Comment:
    """A comment on the plan; the employee's disagreement sends the draft back to the manager."""
    guards.lock(plan)
    if not rules.can_comment(by, plan):
        raise PermissionDenied
    text = inputs.text(text, pgettext("plan comment", "Comment"))
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
    guards.lock(plan)
    if not rules.is_subject(by, plan):
        raise PermissionDenied
    if not plan.awaiting_employee:
        raise guards.conflict(_("This plan is not waiting for your acknowledgement."))
    return _activate(plan, by, events.ACKNOWLEDGED, acknowledged_at=timezone.now())


@transaction.atomic
def start(*, plan: Plan, by) -> Plan:
    """Those who own a team plan start it: active from now on, seen by the people with actions
    (nobody acknowledges a team plan)."""
    guards.lock(plan)
    if not rules.owns(by, plan):
        raise PermissionDenied
    if not plan.is_team or plan.status != guards.Status.DRAFT:
        raise guards.conflict(_("Only a team plan's draft is started."))
    now = timezone.now()
    return _activate(plan, by, events.STARTED, first_sent_at=now, acknowledged_at=now)


def _activate(plan: Plan, by, event: str, **stamps) -> Plan:
    """The plan becomes active once every goal is measurable and time-bound; `stamps` say when."""
    if problems := unmet(plan):
        raise ValidationError(problems, code="invalid")
    plan.status = guards.Status.ACTIVE
    for name, value in stamps.items():
        setattr(plan, name, value)
    plan.save(update_fields=["status", *stamps, "updated_at"])
    events.emit(event, plan, by)
    return plan


@transaction.atomic
def acknowledge_changes(*, plan: Plan, by) -> int:
    """The employee acknowledges the changes to their goals made since they last did."""
    guards.lock(plan)
    if not rules.is_subject(by, plan):
        raise PermissionDenied
    count = plan.adjustments.filter(needs_ack=True, acknowledged_at__isnull=True).update(
        acknowledged_at=timezone.now()
    )
    if not count:
        raise guards.conflict(_("No change is waiting for your acknowledgement."))
    return count


def begin_closing(*, plan: Plan) -> Plan:
    """A result is recorded (the tracking wing's closure): the plan is closing until its outcome is
    decided. Called inside the closure's transaction, with the plan already locked."""
    if plan.status != guards.Status.ACTIVE:
        raise guards.conflict(_("Only an active plan is closed."))
    plan.status = guards.Status.CLOSING
    plan.ended_on = min(timezone.localdate(), plan.end_date)
    plan.sequence += 1  # the calendars' series end that day: no check-in after a closed plan
    plan.save(update_fields=["status", "ended_on", "sequence", "updated_at"])
    return plan


def close(*, plan: Plan, by) -> Plan:
    """The outcome is decided: the plan is closed, and those it concerns are told once."""
    if plan.status == guards.Status.CLOSED:
        return plan
    if plan.status != guards.Status.CLOSING:
        raise guards.conflict(_("This plan is not closed yet."))
    plan.status = guards.Status.CLOSED
    plan.save(update_fields=["status", "updated_at"])
    events.emit(events.CLOSED, plan, by)
    return plan


def extend(*, plan: Plan, by, start: dt.date, goals: list[tuple[Goal, Decimal | None]]) -> Plan:
    """A draft follow-up plan as long as the first (at most a year), from `start`, carrying `goals`
    over: each with its final reading (if any) as the new baseline."""
    length = min(plan.end_date - plan.start_date, guards.LONGEST_PLAN)
    follow = Plan.objects.create(
        employee=plan.employee, department=plan.department, owner=by, cycle_id=plan.cycle_id, result_id=plan.result_id,
        feedback_id=plan.feedback_id, title=(_("%(title)s (extended)") % {"title": plan.title})[:200],
        start_date=start, end_date=start + length,
        brief_every=plan.brief_every, brief_minutes=plan.brief_minutes,
        formal_every=plan.formal_every, formal_minutes=plan.formal_minutes,
    )  # fmt: skip
    Goal.objects.bulk_create(
        Goal(
            plan=follow,
            description=goal.description,
            metric=goal.metric,
            unit=goal.unit,
            baseline=final if final is not None else goal.baseline,
            target=goal.target,
            direction=goal.direction,
            means=goal.means,
            deadline=follow.end_date,
            indicator_id=goal.indicator_id,
            source=goal.source,
        )  # fmt: skip
        for goal, final in goals
    )
    return follow
