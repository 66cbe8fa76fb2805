"""URL-walk declarations of the access app's pages."""

from perfloop.access.models import HRAssignment
from tests.access.walk_roles import ADMIN, HR_OR_ADMIN
from tests.org.factories import UserFactory

DECLARED = {
    "access:changes": ("get", HR_OR_ADMIN),
    # HR people are named by administrators only.
    "access:hr_people": ("get", ADMIN),
    "access:name_hr": ("post", ADMIN),
    "access:remove_hr": ("post", ADMIN),
    "api:hr_scopes": ("get", ADMIN),
    "api:hr_scopes_add": ("post", ADMIN),
    "api:hr_scope_remove": ("delete", ADMIN),
    # Who opened the target's records: the target, their managers, HR in scope.
    "access:reads": ("get", {"employee", "manager", "hr_in_scope"}),
    # Everything held about the target: the target and HR in scope (not their managers).
    "access:personal_data": ("get", {"employee", "hr_in_scope"}),
}
ABOUT_TARGET = {"access:reads", "access:personal_data"}
PAYLOAD = {"api:hr_scopes_add": lambda org: {"employee": org.other_employee.pk, "department": org.sales.pk}}


def arguments(org) -> dict:
    doomed = HRAssignment.objects.create(user=UserFactory(username="walk-hr"), department=org.sales)
    return {
        "api:hr_scope_remove": {"scope_id": doomed.pk},
        "access:reads": {"pk": org.employee.pk},
        "access:personal_data": {"pk": org.employee.pk},
        "access:remove_hr": {"pk": HRAssignment.objects.order_by("pk").first().pk},
    }
