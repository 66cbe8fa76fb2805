"""The organisation kept in step with a real OpenLDAP slapd: a preview writes nothing; applying
adds, changes, moves and marks left exactly as previewed; a unit renamed or moved keeps its
department and history; a failed or refused run changes nothing and HR hears of it; the sync
gives nobody a right."""

import ldap
import pytest

from perfloop.access.models import HRAssignment
from perfloop.directory import ldap_sync, sync
from perfloop.directory.models import DepartmentLink, PersonLink, SyncRun
from perfloop.notify.models import Notification
from perfloop.org.models import Department, Employee
from tests.directory import slapd as directory
from tests.org.factories import UserFactory


def run(apply=True):
    return sync.run("ldap", ldap_sync.snapshot, apply=apply)


def state():
    return sorted(
        Employee.objects.values_list("employee_no", "name", "department_id", "manager_id", "status")
    )


@pytest.mark.django_db
def test_a_preview_says_what_applying_does_and_writes_nothing(org, ldap_on):
    before = state()
    preview = run(apply=False)
    assert preview.status == "previewed" and state() == before
    assert not PersonLink.objects.exists() and not DepartmentLink.objects.exists()
    applied = run()
    assert applied.status == "applied" and applied.counts == preview.counts
    assert preview.counts["added"] == 3  # 王芳, 赵敏 and the one PerfLoop did not know
    assert preview.counts["departments_added"] == 0  # the units are the departments of the same places


@pytest.mark.django_db
def test_applying_writes_the_directorys_people_and_lines_then_nothing_more(org, ldap_on):
    run()
    liu = Employee.objects.get(employee_no="E0001")
    assert liu.manager == org.manager and liu.department == org.backend and liu.position.name == "后端工程师"
    wang = Employee.objects.get(employee_no="H0001")
    assert wang.name == "王芳" and wang.department == org.company and wang.email == "wangfang@xinghe.example"
    assert PersonLink.objects.filter(source="ldap").count() == 5
    again = run()
    assert again.counts["added"] == again.counts["changed"] == again.counts["left"] == 0


@pytest.mark.django_db
def test_someone_moved_in_the_directory_moves_here(org, ldap_on):
    run()
    ldap_on.admin().rename_s(f"uid=liuyang,{directory.BACKEND}", "uid=liuyang", directory.SALES)
    moved = run()
    assert moved.counts["moved"] == 1 and Employee.objects.get(employee_no="E0001").department == org.sales


@pytest.mark.django_db
def test_a_unit_renamed_or_moved_keeps_its_department_and_history(org, ldap_on):
    run()
    history = org.backend.history.count()
    connection = ldap_on.admin()
    connection.rename_s(directory.BACKEND, "ou=服务端组", directory.SALES)  # renamed and moved at once
    changed = run()
    backend = Department.objects.get(pk=org.backend.pk)
    assert backend.name == "服务端组" and backend.parent == org.sales
    assert changed.counts["departments_renamed"] == changed.counts["departments_moved"] == 1
    assert backend.history.count() == history + 1
    assert Employee.objects.get(employee_no="E0001").department == backend  # its people stay in it


@pytest.mark.django_db
def test_someone_gone_from_the_directory_is_left_and_cannot_sign_in(org, ldap_on, client_for):
    run()
    signed_in = client_for("employee")
    assert signed_in.get("/").status_code == 200
    ldap_on.admin().delete_s(f"uid=liuyang,{directory.BACKEND}")
    gone = run()
    liu = Employee.objects.get(employee_no="E0001")
    assert gone.counts["left"] == 1 and liu.status == "left" and not liu.user.is_active
    assert signed_in.get("/").status_code == 302  # out on the next request; the records stay


@pytest.mark.django_db
def test_a_directory_that_cannot_be_read_changes_nothing_and_hr_hears_of_it(org, ldap_on, settings):
    company_hr = UserFactory(username="company_hr")
    HRAssignment.objects.create(user=company_hr, department=org.company)
    before = state()
    settings.AUTH_LDAP_BIND_PASSWORD = "wrong"
    failed = run()
    assert failed.status == "failed" and "LDAP" in failed.errors[0][1] and state() == before
    assert Notification.objects.filter(recipient=company_hr, event="directory.sync_failed").exists()


@pytest.mark.django_db
def test_one_wrong_row_refuses_the_whole_run(org, ldap_on):
    connection = ldap_on.admin()
    connection.modify_s(f"uid=stranger,{directory.SALES}", [(ldap.MOD_DELETE, "employeeNumber", None)])
    before = state()
    refused = run()
    assert refused.status == "failed" and state() == before and not PersonLink.objects.exists()
    assert any("陌生人" in message for _line, message in refused.errors)


@pytest.mark.django_db
def test_the_sync_gives_nobody_a_right(org, ldap_on):
    run()  # 王芳 is in the directory's HR group
    wang = Employee.objects.get(employee_no="H0001")
    assert wang.user_id is None and not HRAssignment.objects.filter(department=org.company).exists()
    assert SyncRun.objects.get().by is None
