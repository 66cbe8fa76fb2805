from perfloop.access.policy import roles_for


def is_hr(user):
    return roles_for(user).is_hr
