"""People written one at a time over the API, by the organisation import's own service: added,
changed, moved, marked left — in the caller's HR scope, with the import's checks."""

import pytest

from perfloop.org.models import Employee
from tests.api.conftest import api_client, send  # noqa: F401  (CSRF-enforcing bearer/session clients)

pytestmark = pytest.mark.django_db


def test_hr_adds_moves_and_marks_someone_left(org, api_client):  # noqa: F811
    hr = api_client("hr_in_scope")
    body = {"employee_no": "E0009", "name": "周新", "department": org.backend.pk, "manager": org.lead.pk,
            "position": "测试工程师", "email": "zhouxin@example.com"}  # fmt: skip
    status, made = send(hr, "post", "/api/v1/employees", body)
    zhou = Employee.objects.get(employee_no="E0009")
    assert (
        status == 201
        and made["id"] == zhou.pk
        and zhou.manager == org.lead
        and zhou.position.name == "测试工程师"
    )
    status, moved = send(
        hr, "patch", f"/api/v1/employees/{zhou.pk}", {"department": org.rd.pk, "manager": org.manager.pk}
    )
    zhou.refresh_from_db()
    assert status == 200 and zhou.department == org.rd, moved
    assert zhou.manager == org.manager, zhou.manager
    assert zhou.email == "zhouxin@example.com"
    status, left = send(hr, "post", f"/api/v1/employees/{org.employee.pk}/leave")
    org.employee.refresh_from_db()
    assert status == 200 and org.employee.status == "left" and not org.employee.user.is_active


def test_the_imports_checks_refuse_with_a_reason_and_change_nothing(org, api_client):  # noqa: F811
    hr = api_client("hr_in_scope")
    status, refused = send(hr, "patch", f"/api/v1/employees/{org.lead.pk}", {"manager": org.employee.pk})
    assert status == 400 and "→" in refused["detail"]  # a reporting line in a circle
    org.lead.refresh_from_db()
    assert org.lead.manager == org.manager


def test_out_of_scope_is_not_found_and_a_manager_is_refused(org, api_client):  # noqa: F811
    assert send(api_client("hr_out_of_scope"), "post", f"/api/v1/employees/{org.employee.pk}/leave")[0] == 404
    assert (
        send(api_client("manager"), "patch", f"/api/v1/employees/{org.employee.pk}", {"mobile": "1"})[0]
        == 403
    )
    org.employee.refresh_from_db()
    assert org.employee.status == "active"
