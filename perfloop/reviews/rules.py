"""Who may do what in the review stage, built on the access core (`perfloop.access.policy`).

Admins are not given results: they run the system, they do not read people's reviews.
"""

from perfloop.access.policy import is_company_wide_hr, is_hr_for, reaches, roles_for
from perfloop.reviews.models import Result, Review360, ReviewCycle

Status = ReviewCycle.Status


def can_manage_cycles(user) -> bool:
    """HR runs cycles, templates, imports, scoring and calibration."""
    return roles_for(user).is_hr


def can_view_cycles(user) -> bool:
    roles = roles_for(user)
    return roles.is_hr or roles.is_manager or roles.is_employee


def can_view_team_results(user) -> bool:
    roles = roles_for(user)
    return roles.is_hr or roles.is_manager


def cycles_for(user):
    """Cycles a user meets: HR all of them, managers those past draft, employees the published ones."""
    roles = roles_for(user)
    qs = ReviewCycle.objects.all()
    if roles.is_hr:
        return qs
    if roles.is_manager:
        return qs.exclude(status=Status.DRAFT)
    return qs.published()


def team_results(user, cycle):
    """The results a team view covers: the manager's subtree, or all of HR's scope (never one's own)."""
    return Result.objects.filter(cycle=cycle).reached_by(user)


def can_calibrate(user, result) -> bool:
    return result.cycle.status == Status.CALIBRATING and is_hr_for(user, result.employee)


def can_tag_root_causes(user, result) -> bool:
    return reaches(user, result.employee)


def can_see_calibrations(user, result) -> bool:
    """Calibration reasons are for HR and the manager, not the employee."""
    return reaches(user, result.employee)


def can_see_individual_reviews(user, result) -> bool:
    """Individual 360 ratings and comments: HR only; others see averages by relation."""
    return is_hr_for(user, result.employee)


def reviews_written_by(user):
    """A 360 reviewer sees only the reviews they wrote."""
    roles = roles_for(user)
    if not roles.employee:
        return Review360.objects.none()
    return Review360.objects.filter(reviewer=roles.employee)


def can_enter_actuals(user, employee) -> bool:
    """KPI actual values are HR's data to enter, for people in their scope."""
    return is_hr_for(user, employee)


def can_add_evidence(user, employee) -> bool:
    """Managers record cases about their people; HR about theirs."""
    return reaches(user, employee)


def can_change_template(user, department_paths: list[str], has_positions: bool) -> bool:
    """A template is changed by HR whose scope covers every department it applies to; a template
    by position applies wherever that position is, so it takes company-wide HR (operators' commands
    run with no user and may)."""
    if user is None:
        return True
    roles = roles_for(user)
    if has_positions:
        return is_company_wide_hr(user)
    return roles.is_hr and all(roles.hr_covers_path(p) for p in department_paths)
