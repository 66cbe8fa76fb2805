"""URL-walk declarations of the organisation's routes, pages and API."""

from tests.access.walk_roles import ADMIN, MANAGERS, SEES_TARGET, SIGNED_IN, UPLOADER_OR_ADMIN
from tests.org.factories import EmployeeFactory

DECLARED = {
    "org:directory": ("get", SIGNED_IN),
    "org:team": ("get", MANAGERS),
    "org:employee_detail": ("get", SEES_TARGET),
    "api:me": ("get", SIGNED_IN),
    "api:employees": ("get", SIGNED_IN),
    "api:employee": ("get", SEES_TARGET),
    "api:departments": ("get", SIGNED_IN),
    # People written one at a time: HR whose scope covers them, and administrators. Added and leaving
    # here: someone of the top department, which no HR of the walk covers (tests/org/test_employees_api.py
    # has HR in scope).
    "api:employees_add": ("post", ADMIN),
    "api:employee_change": ("patch", UPLOADER_OR_ADMIN),
    "api:employee_leave": ("post", ADMIN),
    # The purge runs are written by `manage.py purge` alone and kept: nobody adds or deletes one.
    "admin:org_purgerun_add": ("get", set()),
    "admin:org_purgerun_delete": ("get", set()),
}
ABOUT_TARGET = {"org:employee_detail", "api:employee", "api:employee_change"}
PAYLOAD = {
    "api:employees_add": lambda org: {"employee_no": "W0099", "name": "周新", "department": org.company.pk},
    "api:employee_change": {"mobile": "13800000009"},
}


def arguments(org) -> dict:
    leaving = EmployeeFactory(employee_no="W0001", name="吴离", department=org.company, manager=org.ceo)
    return {
        "org:employee_detail": {"pk": org.employee.pk},
        "api:employee": {"employee_id": org.employee.pk},
        "api:employee_change": {"employee_id": org.employee.pk},
        "api:employee_leave": {"employee_id": leaving.pk},
    }
