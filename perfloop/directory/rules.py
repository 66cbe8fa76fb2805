"""The organisation's sync is the whole organisation's business: administrators and company-wide HR."""

from perfloop.access.policy import is_company_wide_hr, roles_for


def can_sync(user) -> bool:
    return user.is_authenticated and (roles_for(user).is_admin or is_company_wide_hr(user))


def can_manage_signin(user) -> bool:
    """How people sign in is the administrators' decision alone."""
    return user.is_authenticated and roles_for(user).is_admin
