"""Who may do what with online reviews, built on the access core.

A reviewer reads only the forms they write; the person reviewed never reads a form about them but
their own self-assessment; HR in scope reads submitted forms (a private read, logged) and alone
knows who wrote what in a confidential round; managers decide the nominations of their line and see
its progress, not the forms others wrote.
"""

from perfloop.access.policy import can_manage, is_company_wide_hr, is_hr_for, reaches, roles_for
from perfloop.reviews.models import Relation


def can_run_rounds(user) -> bool:
    return roles_for(user).is_hr


def can_open_round(user, department) -> bool:
    """A round over the whole organisation takes company-wide HR; one over a department, HR whose
    scope covers it."""
    if department is None:
        return is_company_wide_hr(user)
    roles = roles_for(user)
    return roles.is_hr and roles.hr_covers_path(department.path)


def can_oversee(user, round) -> bool:
    """HR whose scope the round reaches: close it, remind, reopen forms, decide any nomination."""
    roles = roles_for(user)
    if not roles.is_hr:
        return False
    if round.department is None:
        return roles.company_wide
    return roles.hr_covers_path(round.department.path)


def can_follow(user) -> bool:
    """Progress pages: HR, and managers for their line."""
    roles = roles_for(user)
    return roles.is_hr or roles.is_manager


def may_review(user) -> bool:
    return roles_for(user).employee is not None


def may_read_forms(user) -> bool:
    """Reviewers, and HR and managers who may read a form about someone (its own rule decides)."""
    return may_review(user) or can_follow(user)


def is_reviewer(user, form) -> bool:
    roles = roles_for(user)
    return roles.employee is not None and roles.employee.pk == form.reviewer_id


def can_read_form(user, form) -> bool:
    """The reviewer, always; once it is submitted, HR in scope of the person reviewed, and their
    managers for the self-assessment (the employee's view, which the meeting shows them anyway).
    A draft is its writer's own."""
    if is_reviewer(user, form):
        return True
    if form.status != "submitted":
        return False
    if is_hr_for(user, form.employee):
        return True
    return form.relation == Relation.SELF and can_manage(user, form.employee)


def can_reopen(user, form) -> bool:
    return is_hr_for(user, form.employee)


def can_propose(user, round, employee) -> bool:
    """The employee proposes their own peers when the round says so; managers and HR assign."""
    roles = roles_for(user)
    if roles.employee is not None and roles.employee.pk == employee.pk:
        return round.nominated_by == "employee"
    return can_decide(user, employee)


def can_decide(user, employee) -> bool:
    """Approve, remove or add a reviewer for someone: their managers and HR in scope."""
    return reaches(user, employee)
