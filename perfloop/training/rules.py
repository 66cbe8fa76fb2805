"""Training needs are read by HR and by managers, each for the people their rights reach."""

from perfloop.access.policy import roles_for


def can_read_needs(user) -> bool:
    roles = user.is_authenticated and roles_for(user)
    return bool(roles) and (roles.is_hr or roles.is_manager)
