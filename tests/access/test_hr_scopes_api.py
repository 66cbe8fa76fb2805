"""Administrators name and remove HR people over the API, as on *HR people*."""

import pytest

from perfloop.access.models import HRAssignment
from perfloop.access.policy import roles_for
from tests.api.conftest import api_client, send  # noqa: F401  (CSRF-enforcing bearer/session clients)
from tests.org.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_an_administrator_names_then_removes_an_hr_person(org, api_client, settings):  # noqa: F811
    settings.PERFLOOP_SENDS_MAIL = False
    admin = api_client("admin")
    wang = EmployeeFactory(employee_no="S0009", name="王芳", department=org.sales)  # no account yet
    status, made = send(admin, "post", "/api/v1/hr-scopes", {"employee": wang.pk, "department": org.sales.pk})
    wang.refresh_from_db()
    assert status == 201 and made["department"] == "销售部" and made["user_id"] == wang.user_id
    assert made["invited"][0]["employee_no"] == "S0009" and "/accounts/" in made["invited"][0]["link"]
    assert roles_for(wang.user).hr_paths == (org.sales.path,)
    status, listed = send(admin, "get", "/api/v1/hr-scopes")
    assert status == 200 and made["id"] in [s["id"] for s in listed]
    status, _ = send(admin, "delete", f"/api/v1/hr-scopes/{made['id']}")
    assert status == 204 and not HRAssignment.objects.filter(pk=made["id"]).exists()
    assert send(admin, "delete", f"/api/v1/hr-scopes/{made['id']}")[0] == 404


def test_hr_may_not_name_hr(org, api_client):  # noqa: F811
    body = {"employee": org.other_employee.pk, "department": org.sales.pk}
    assert send(api_client("hr_in_scope"), "post", "/api/v1/hr-scopes", body)[0] == 403
    assert send(api_client("hr_in_scope"), "get", "/api/v1/hr-scopes")[0] == 403
