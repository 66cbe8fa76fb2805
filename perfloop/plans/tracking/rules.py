"""Who may follow a plan up: those who own it record check-ins and confirm readings; the employee
adds their own readings. Reading them follows the plan's own visibility."""

from perfloop.access.policy import is_hr_for, is_self
from perfloop.plans import rules as plan_rules
from perfloop.plans.models import Plan


def can_record(user, plan: Plan) -> bool:
    return plan.status == Plan.Status.ACTIVE and plan_rules.can_write(user, plan.employee)


def can_add_reading(user, plan: Plan) -> bool:
    return plan.status == Plan.Status.ACTIVE and (
        is_self(user, plan.employee) or plan_rules.can_write(user, plan.employee)
    )


def can_close(user, plan: Plan) -> bool:
    return plan.status == Plan.Status.ACTIVE and plan_rules.can_write(user, plan.employee)


def can_decide(user, plan: Plan, closure) -> bool:
    return closure is not None and closure.checked_at is None and plan_rules.can_write(user, plan.employee)


def can_check(user, plan: Plan, closure) -> bool:
    return bool(closure and closure.outcome and closure.checked_at is None and is_hr_for(user, plan.employee))


def can_acknowledge(user, plan: Plan, closure) -> bool:
    return bool(
        closure and closure.outcome and closure.acknowledged_at is None and is_self(user, plan.employee)
    )
