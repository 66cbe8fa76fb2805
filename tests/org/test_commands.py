import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.utils import translation

from perfloop.access.policy import managed_employees, roles_for
from perfloop.org.demo import demo_rows
from perfloop.org.models import Department, Employee
from tests.org.helpers import csv_bytes, xlsx_bytes


@pytest.mark.django_db
def test_import_org_dry_run_changes_nothing(org, tmp_path, capsys):
    path = tmp_path / "org.xlsx"
    path.write_bytes(xlsx_bytes([("N1", "新人", "星河测试/研发中心", "工程师", "M0001", "2024-01-02", "")]))
    call_command("import_org", str(path), "--dry-run")
    assert "would create 1" in capsys.readouterr().out
    assert not Employee.objects.filter(employee_no="N1").exists()
    call_command("import_org", str(path))
    assert Employee.objects.get(employee_no="N1").manager == org.manager


@pytest.mark.django_db
def test_import_org_bad_file_exits_non_zero_with_every_row_error(org, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(
        csv_bytes([("N1", "", "星河测试", "", "", "", ""), ("N2", "乙", "星河测试", "", "NOPE", "", "")])
    )
    before = Employee.objects.count()
    with translation.override("en"), pytest.raises(CommandError, match="2 error"):
        call_command("import_org", str(path))
    err = capsys.readouterr().err
    assert "bad.csv: Line 2: Name is missing." in err
    assert "bad.csv: Line 3: Manager NOPE is neither in the file nor in the organisation." in err
    assert Employee.objects.count() == before


def test_import_org_missing_file():
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_org", "/nonexistent/org.xlsx")


@pytest.mark.django_db
@override_settings(DEBUG=True)
def test_seed_demo_builds_the_demo_company(capsys):
    call_command("seed_demo")
    assert Employee.objects.count() >= 80
    assert Department.objects.filter(depth=1).count() >= 6
    # A three-level reporting line below the top.
    assert Employee.objects.filter(manager__manager__manager__isnull=False).exists()
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.all()}
    assert all(users[name].check_password("perfloop-demo") for name in ("admin", "hr", "manager", "employee"))
    manager, employee = users["manager"], users["employee"]
    team = managed_employees(manager)
    assert employee.employee in team
    # Reports two levels deep: someone's manager is one of the manager's direct reports.
    assert team.filter(manager__manager=manager.employee).exists()
    assert roles_for(users["hr"]).is_hr and users["admin"].is_superuser
    # Every employee has an account: their number and the demo password.
    assert not Employee.objects.filter(user__isnull=True).exists()
    users_named = ["hr", "manager", "employee"]
    someone = Employee.objects.exclude(user__username__in=users_named).first()
    assert someone.user.username == someone.employee_no and someone.user.check_password("perfloop-demo")
    assert all(users[name].employee for name in users_named)
    assert "perfloop-demo" in capsys.readouterr().out
    # Running again with --if-empty does nothing.
    call_command("seed_demo", "--if-empty")
    assert Employee.objects.count() == len(demo_rows())


def test_demo_is_deterministic():
    assert demo_rows() == demo_rows()
    names = [r["姓名"] for r in demo_rows()]
    assert len(names) == len(set(names))


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_seed_demo_refuses_in_production_without_force():
    with pytest.raises(CommandError, match="PERFLOOP_DEBUG is off"):
        call_command("seed_demo")
    assert not Employee.objects.exists()
    call_command("seed_demo", "--force")
    assert Employee.objects.exists()


@pytest.mark.django_db
def test_generate_org_builds_consistent_paths():
    call_command("generate_org", "--employees", "600", "--seed", "3")
    employees = Employee.objects.select_related("manager", "department")
    assert employees.count() == 600
    for e in employees:
        expected = e.manager.reports_prefix if e.manager else "/"
        assert e.manager_path == expected
        assert e.department.path.endswith(f"/{e.department_id}/")
    with pytest.raises(CommandError, match="exists already"):
        call_command("generate_org", "--employees", "10", "--seed", "3")


@pytest.mark.django_db
def test_issue_token_for_unknown_user():
    with pytest.raises(CommandError, match="No active user"):
        call_command("issue_token", "nobody")
