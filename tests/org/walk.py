"""URL-walk declarations of the organisation's routes, pages and API."""

from tests.access.walk_roles import MANAGERS, SEES_TARGET, SIGNED_IN

DECLARED = {
    "org:directory": ("get", SIGNED_IN),
    "org:team": ("get", MANAGERS),
    "org:employee_detail": ("get", SEES_TARGET),
    "api:me": ("get", SIGNED_IN),
    "api:employees": ("get", SIGNED_IN),
    "api:employee": ("get", SEES_TARGET),
    "api:departments": ("get", SIGNED_IN),
    # The purge runs are written by `manage.py purge` alone and kept: nobody adds or deletes one.
    "admin:org_purgerun_add": ("get", set()),
    "admin:org_purgerun_delete": ("get", set()),
}
ABOUT_TARGET = {"org:employee_detail", "api:employee"}


def arguments(org) -> dict:
    return {
        "org:employee_detail": {"pk": org.employee.pk},
        "api:employee": {"employee_id": org.employee.pk},
    }
