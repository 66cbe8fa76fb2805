"""URL-walk declarations of the access app's pages."""

from tests.access.walk_roles import HR_OR_ADMIN

DECLARED = {
    "access:changes": ("get", HR_OR_ADMIN),
    # Who opened the target's records: the target, their managers, HR in scope.
    "access:reads": ("get", {"employee", "manager", "hr_in_scope"}),
    # Everything held about the target: the target and HR in scope (not their managers).
    "access:personal_data": ("get", {"employee", "hr_in_scope"}),
}
ABOUT_TARGET = {"access:reads", "access:personal_data"}


def arguments(org) -> dict:
    return {"access:reads": {"pk": org.employee.pk}, "access:personal_data": {"pk": org.employee.pk}}
