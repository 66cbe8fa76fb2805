"""Training needs are read by HR and by managers, each for the people their rights reach; sessions
are HR's, who enrol and mark the people in their scope."""

from perfloop.access.policy import is_hr_for, roles_for


def can_read_needs(user) -> bool:
    roles = user.is_authenticated and roles_for(user)
    return bool(roles) and (roles.is_hr or roles.is_manager)


def can_run_sessions(user) -> bool:
    return bool(user.is_authenticated and roles_for(user).is_hr)


def can_enrol(user, employee) -> bool:
    return is_hr_for(user, employee)
