"""The organisation imported by a script, as on the imports page: checked first, applied all or
nothing, a person marked 离职 out at once."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from perfloop.imports.models import Import
from perfloop.org.models import Employee
from tests.api.conftest import api_client  # noqa: F401  (CSRF-enforcing bearer/session clients)

HEADER = "工号,姓名,部门,直属上级工号,状态\n"


def post(client, content: str, dry_run=False):
    answer = client.post(
        f"/api/v1/imports/org{'?dry_run=true' if dry_run else ''}",
        {"file": SimpleUploadedFile("org.csv", (HEADER + content).encode())},
    )
    return answer.status_code, answer.json()


@pytest.mark.django_db
def test_a_script_checks_then_applies_the_organisation(org, api_client):  # noqa: F811
    admin = api_client("admin")
    rows = "E0009,周新,星河测试/研发中心/后端组,L0001,在职\nE0001,刘洋,星河测试/研发中心/后端组,L0001,离职\n"
    status, checked = post(admin, rows, dry_run=True)
    assert status == 200 and checked["to_create"] == 1 and not checked["applied"]
    assert not Employee.objects.filter(employee_no="E0009").exists()
    status, applied = post(admin, rows)
    assert (
        status == 200
        and applied["applied"]
        and Import.objects.get(pk=applied["id"]).uploaded_by == org.user("admin")
    )
    assert Employee.objects.get(employee_no="E0009").manager == org.lead
    liu = Employee.objects.get(employee_no="E0001")
    assert liu.status == "left" and not liu.user.is_active


@pytest.mark.django_db
def test_one_wrong_row_changes_nothing_and_says_which(org, api_client):  # noqa: F811
    status, refused = post(api_client("admin"), "E0009,周新,星河测试/研发中心,E9999,在职\n")
    assert status == 400 and not refused["applied"] and refused["errors"][0]["line"] == 2
    assert not Employee.objects.filter(employee_no="E0009").exists()


@pytest.mark.django_db
def test_a_manager_may_not(org, api_client):  # noqa: F811
    status, _ = post(api_client("manager"), "E0009,周新,星河测试,,在职\n")
    assert status == 403
