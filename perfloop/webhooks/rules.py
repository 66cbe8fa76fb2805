"""Webhooks carry events about people out of PerfLoop: administrators alone set them up."""

from perfloop.access.policy import roles_for


def can_manage(user) -> bool:
    return user.is_authenticated and roles_for(user).is_admin
