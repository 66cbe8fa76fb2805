"""Who may do what with improvement plans, on the access core.

Employee: their own plans (read, comment, acknowledge, mark their own actions done). Manager:
plans in their subtree. HR: plans in their scope, and the plan templates. Administrators run the
system and are given none of it.

A team plan is owned by those whose rights reach its department whole (`whole_departments_q`: HR
in scope who are not in it, the managers who head it); people of the team with an action assigned see
it once started and tick their own actions off. It has no employee to send it to or to decide an
outcome for.
"""

from perfloop.access.policy import (
    is_hr_for,
    is_hr_over_department,
    is_self,
    reaches,
    reaches_department,
    roles_for,
)
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


def owns(user, plan: Plan) -> bool:
    """Those who draft and change the plan: for a person's plan their managers and HR in scope,
    for a team plan those whose rights reach the department."""
    if plan.is_team:
        return reaches_department(user, plan.department)
    return can_write(user, plan.employee)


def is_subject(user, plan: Plan) -> bool:
    """The user is the person the plan is about (nobody is, for a team plan)."""
    return not plan.is_team and is_self(user, plan.employee)


def is_hr_over(user, plan: Plan) -> bool:
    """HR in scope of the plan's person or department, who checks an outcome."""
    if plan.is_team:
        return is_hr_over_department(user, plan.department)
    return is_hr_for(user, plan.employee)


def can_edit(user, plan: Plan) -> bool:
    return owns(user, plan) and plan.editable


def can_answer(user, plan: Plan) -> bool:
    """The employee comments on or acknowledges the draft the manager sent them."""
    return is_subject(user, plan) and plan.awaiting_employee


def can_comment(user, plan: Plan) -> bool:
    """The employee and those who own the plan, until it is closed (a disagreement only counts on a
    draft sent to the employee)."""
    if plan.status == Status.CLOSED:
        return False
    return is_subject(user, plan) or owns(user, plan)


def can_mark_action(user, action: Action) -> bool:
    """The employee ticks off their own actions, a team's people the ones assigned to them; those
    who own the plan tick off any."""
    plan = action.plan
    if plan.status != Status.ACTIVE:
        return can_edit(user, plan)
    if owns(user, plan):
        return True
    if plan.is_team:
        return action.assignee_id is not None and action.assignee_id == getattr(
            roles_for(user).employee, "pk", None
        )
    return is_self(user, plan.employee) and action.owner == Action.Owner.EMPLOYEE


def can_manage_templates(user) -> bool:
    return roles_for(user).is_hr


def can_draft_in_bulk(user) -> bool:
    return roles_for(user).is_hr


def is_logged_read(user, plan: Plan) -> bool:
    """Openings by anyone but the employee and the plan's owner are private reads (a team plan is
    about no one person)."""
    return not plan.is_team and not is_self(user, plan.employee) and user.pk != plan.owner_id
