"""URL-walk declarations of the access app's pages."""

from tests.access.walk_roles import HR_OR_ADMIN

DECLARED = {
    "access:changes": ("get", HR_OR_ADMIN),
    # Who opened the target's records: the target, their managers, HR in scope.
    "access:reads": ("get", {"employee", "manager", "hr_in_scope"}),
}
ABOUT_TARGET = {"access:reads"}


def arguments(org) -> dict:
    return {"access:reads": {"pk": org.employee.pk}}
