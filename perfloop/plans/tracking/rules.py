"""Who may follow a plan up: those who own it record check-ins and confirm readings; the employee
adds their own readings. Reading them follows the plan's own visibility."""

from perfloop.plans import rules as plan_rules
from perfloop.plans.models import Plan


def can_record(user, plan: Plan) -> bool:
    return plan.status == Plan.Status.ACTIVE and plan_rules.owns(user, plan)


def can_add_reading(user, plan: Plan) -> bool:
    return plan.status == Plan.Status.ACTIVE and (
        plan_rules.is_subject(user, plan) or plan_rules.owns(user, plan)
    )


def can_close(user, plan: Plan) -> bool:
    return plan.status == Plan.Status.ACTIVE and plan_rules.owns(user, plan)


def can_decide(user, plan: Plan, closure) -> bool:
    return closure is not None and closure.checked_at is None and plan_rules.owns(user, plan)


def can_check(user, plan: Plan, closure) -> bool:
    return bool(
        closure and closure.outcome and closure.checked_at is None and plan_rules.is_hr_over(user, plan)
    )


def can_acknowledge(user, plan: Plan, closure) -> bool:
    return bool(
        closure and closure.outcome and closure.acknowledged_at is None and plan_rules.is_subject(user, plan)
    )
