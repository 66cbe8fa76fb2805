"""Ending a plan: closure with its result (the plan is then closing), the outcome 结果应用 (then
closed), HR's check, the employee's acknowledgement. One function per write, each checking its own
permission and rules.

The result is suggested from each goal's final reading against its target and confirmed or
changed, with a reason, by the manager. An `extend` outcome drafts a follow-up plan carrying the
unmet goals over, their baseline the final reading.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop import inputs
from perfloop.inputs import TEXT_LIMIT
from perfloop.plans import lifecycle
from perfloop.plans import rules as plan_rules
from perfloop.plans.guards import lock
from perfloop.plans.models import Goal, Plan
from perfloop.plans.tracking import status
from perfloop.plans.tracking.models import Closure, Reading


@dataclass(frozen=True)
class GoalResult:
    goal: Goal
    final: Decimal | None
    reached: bool


def final_readings(plan: Plan) -> list[GoalResult]:
    """Each goal with its latest confirmed reading and whether that reaches the target."""
    goals = list(plan.goals.all())
    latest = {}
    for goal_id, value in (
        Reading.objects.filter(goal__plan=plan, confirmed_by__isnull=False)
        .order_by("taken_on", "pk")
        .values_list("goal_id", "value")
    ):
        latest[goal_id] = value
    return [
        GoalResult(g, latest.get(g.pk), status.reached(latest.get(g.pk), g.target, g.direction))
        for g in goals
    ]


def suggestion(plan: Plan) -> tuple[str, list[GoalResult]]:
    rows = final_readings(plan)
    return status.suggested_result([r.reached for r in rows]), rows


def _closure(plan: Plan) -> Closure:
    closure = Closure.objects.filter(plan=plan).first()
    if closure is None:
        raise ValidationError(_("This plan is not closed yet."), code="conflict")
    return closure


@transaction.atomic
def close(*, plan: Plan, by, result: str, today: dt.date, reason: str = "", readings=()) -> Closure:
    """Final readings (goal id, value), then the result: the suggestion, or another with a reason."""
    lock(plan)  # the closure is read after the plan's lock: one decision at a time
    if not plan_rules.owns(by, plan):
        raise PermissionDenied
    lifecycle.begin_closing(plan=plan)  # only an active plan; it is closing from here on
    if result not in Closure.Result.values:
        raise ValidationError(_("Choose the result from the list."), code="invalid")
    goals = {g.pk: g for g in plan.goals.all()}
    taken_on = max(plan.start_date, min(today, plan.end_date))
    rows = []
    for goal_id, value in readings:
        if goal_id not in goals:
            raise ValidationError(_("This goal is not on the plan."), code="invalid")
        number = inputs.number(value, _("Final reading"))
        if number is not None:
            rows.append(
                Reading(goal=goals[goal_id], taken_on=taken_on, value=number, note=_("Final reading"),
                        by=by, confirmed_by=by)
            )  # fmt: skip
    Reading.objects.bulk_create(rows)
    suggested = suggestion(plan)[0]
    reason = inputs.text(reason, _("Reason"), required=result != suggested, limit=TEXT_LIMIT)
    closure = Closure.objects.create(
        plan=plan, result=result, suggested=suggested, reason=reason, closed_by=by
    )
    return closure


@transaction.atomic
def decide_outcome(*, plan: Plan, by, outcome: str, reason: str, today: dt.date) -> Closure:
    """What the result leads to; until HR has checked it, the manager may decide again."""
    lock(plan)  # the closure is read after the plan's lock: one decision at a time
    if not plan_rules.owns(by, plan):
        raise PermissionDenied
    closure = _closure(plan)
    if closure.checked_at is not None:
        raise ValidationError(_("HR has checked this outcome; it no longer changes."), code="conflict")
    if outcome not in (Closure.TEAM_OUTCOMES if plan.is_team else Closure.Outcome.values):
        raise ValidationError(_("Choose the outcome from the list."), code="invalid")
    closure.outcome = outcome
    closure.outcome_reason = inputs.text(reason, _("Reason"), limit=TEXT_LIMIT)
    closure.decided_by = by
    closure.decided_at = timezone.now()
    closure.acknowledged_at = None  # the employee acknowledges what was decided last
    if outcome == Closure.Outcome.EXTEND and closure.extension_id is None:
        unmet = [(r.goal, r.final) for r in final_readings(plan) if not r.reached]
        closure.extension = lifecycle.extend(plan=plan, by=by, start=today, goals=unmet)
    closure.save()
    lifecycle.close(plan=plan, by=by)
    return closure


def awaiting_check(plans):
    """Of these plans, those whose outcome is decided and not yet checked by HR. A plan with no
    result recorded has no closure at all, and is not among them."""
    return plans.filter(closure__isnull=False, closure__checked_at__isnull=True).exclude(closure__outcome="")


@transaction.atomic
def check_many(*, plans, by) -> int:
    """HR checks at once the decided, unchecked outcomes of these plans (those in their scope; the
    rest are left as they are). Returns how many were checked."""
    checked = 0
    for plan in awaiting_check(plans).order_by("pk"):
        if plan_rules.is_hr_over(by, plan):
            check_outcome(plan=plan, by=by)
            checked += 1
    return checked


@transaction.atomic
def check_outcome(*, plan: Plan, by) -> Closure:
    """HR in scope checks the outcome the manager decided (and then acts on it)."""
    lock(plan)  # the closure is read after the plan's lock: one decision at a time
    if not plan_rules.is_hr_over(by, plan):
        raise PermissionDenied
    closure = _closure(plan)
    if not closure.outcome:
        raise ValidationError(_("No outcome has been decided yet."), code="conflict")
    if closure.checked_at is not None:
        raise ValidationError(_("This outcome has already been checked."), code="conflict")
    closure.checked_by = by
    closure.checked_at = timezone.now()
    closure.save(update_fields=["checked_by", "checked_at"])
    return closure


@transaction.atomic
def acknowledge(*, plan: Plan, by) -> Closure:
    """The employee has seen the result and the outcome."""
    lock(plan)  # the closure is read after the plan's lock: one decision at a time
    if not plan_rules.is_subject(by, plan):
        raise PermissionDenied
    closure = _closure(plan)
    if not closure.outcome:
        raise ValidationError(_("No outcome has been decided yet."), code="conflict")
    if closure.acknowledged_at is not None:
        raise ValidationError(_("You have already acknowledged this."), code="conflict")
    closure.acknowledged_at = timezone.now()
    closure.save(update_fields=["acknowledged_at"])
    return closure
