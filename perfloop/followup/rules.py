"""Who may follow a plan up: those who own it record check-ins and confirm readings; the employee
adds their own readings. Reading them follows the plan's own visibility."""

from perfloop.access.policy import is_self
from perfloop.plans import rules as plan_rules
from perfloop.plans.models import Plan


def can_record(user, plan: Plan) -> bool:
    return plan.status == Plan.Status.ACTIVE and plan_rules.can_write(user, plan.employee)


def can_add_reading(user, plan: Plan) -> bool:
    return plan.status == Plan.Status.ACTIVE and (
        is_self(user, plan.employee) or plan_rules.can_write(user, plan.employee)
    )
