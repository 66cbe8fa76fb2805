"""Who may do what with improvement plans, on the access core.

Employee: their own plans (read, comment, acknowledge, mark their own actions done). Manager:
plans in their subtree. HR: plans in their scope, and the plan templates. Administrators run the
system and are given none of it.
"""

from perfloop.access.policy import is_self, reaches, roles_for
from perfloop.plans.models import Action, Plan

Status = Plan.Status


def can_use_plans(user) -> bool:
    roles = roles_for(user)
    return roles.is_employee or roles.is_manager or roles.is_hr


def can_see_team_plans(user) -> bool:
    roles = roles_for(user)
    return roles.is_manager or roles.is_hr


def can_write(user, employee) -> bool:
    """Draft and change a person's plan: their managers, or HR in scope (never one's own)."""
    return reaches(user, employee)


def can_edit(user, plan: Plan) -> bool:
    return can_write(user, plan.employee) and plan.editable


def can_answer(user, plan: Plan) -> bool:
    """The employee comments on or acknowledges the draft the manager sent them."""
    return is_self(user, plan.employee) and plan.awaiting_employee


def can_comment(user, plan: Plan) -> bool:
    """The employee and those who own the plan, until it is closed (a disagreement only counts on a
    draft sent to the employee)."""
    if plan.status == Status.CLOSED:
        return False
    return is_self(user, plan.employee) or can_write(user, plan.employee)


def can_mark_action(user, action: Action) -> bool:
    """The employee ticks off their own actions; those who own the plan tick off any."""
    plan = action.plan
    if plan.status != Status.ACTIVE:
        return can_edit(user, plan)
    if is_self(user, plan.employee):
        return action.owner == Action.Owner.EMPLOYEE
    return can_write(user, plan.employee)


def can_manage_templates(user) -> bool:
    return roles_for(user).is_hr


def can_draft_in_bulk(user) -> bool:
    return roles_for(user).is_hr


def is_logged_read(user, plan: Plan) -> bool:
    """Openings by anyone but the employee and the plan's owner are private reads."""
    return not is_self(user, plan.employee) and user.pk != plan.owner_id
