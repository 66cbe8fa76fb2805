"""Who reads what the organisation learns: HR the outcome lists of their scope; lessons are written
by those who own a finished plan (their reading is `lessons.visible_q`)."""

from perfloop.access.policy import roles_for
from perfloop.plans import rules as plan_rules
from perfloop.plans.models import Plan


def can_see_outcomes(user) -> bool:
    return roles_for(user).is_hr


def can_write_lesson(user, plan: Plan) -> bool:
    return plan.status in Plan.FINISHED and plan_rules.owns(user, plan)
