"""Someone who leaves (离职) loses access on their very next request: account, sessions, tokens,
invitation links, HR scope and manager rights; kept in the access history. Their records stay; a
person who returns is invited again."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client

from perfloop.access.models import HRAssignment
from perfloop.access.policy import roles_for
from perfloop.accounts import invitations
from perfloop.api.models import ApiToken
from perfloop.org.importing import apply_org_import
from perfloop.org.models import Employee
from tests.accounts.test_login_and_language import post_login
from tests.org.factories import EmployeeFactory
from tests.org.helpers import HEADER_ZH, csv_bytes

pytestmark = pytest.mark.django_db
HEADER = [*HEADER_ZH, "状态"]


def _leaves(number: str, name: str, department: str, manager: str, status: str = "离职"):
    return csv_bytes([(number, name, department, "", manager, "", "", status)], header=HEADER)


@pytest.fixture
def hr_person(org):
    """The HR of 研发中心 is an employee too (in the company's root department, reporting to 王总)."""
    EmployeeFactory(employee_no="H0001", name="薛晓萍", department=org.company, manager=org.ceo,
                    user=org.user("hr_in_scope"))  # fmt: skip
    user = org.user("hr_in_scope")
    user.set_password("Old-secret-2026")
    user.save()
    return user


def _signed_in(username: str, password: str = "Old-secret-2026") -> Client:
    """Signed in through the login page, as a person does."""
    browser = Client()
    answer = post_login(browser, username, password)
    assert answer.status_code == 302, answer.content.decode()[:300]
    return browser


def _can_sign_in(username: str, password: str) -> bool:
    return post_login(Client(), username, password).status_code == 302


def test_hr_who_leaves_loses_session_token_invitations_and_scope_at_once(org, hr_person):
    browser = _signed_in("hr_in_scope")
    token = ApiToken.issue(hr_person)
    script = Client(headers={"authorization": f"Bearer {token}"})
    assert browser.get("/org/").status_code == 200 and script.get("/api/v1/employees").status_code == 200
    pending = invitations.invite(employees=Employee.objects.filter(employee_no="L0001"), by=hr_person)
    link = pending[0].link.split("8000", 1)[-1]
    assert Client().get(link).status_code == 200

    admin = get_user_model().objects.get(username="admin")
    apply_org_import(_leaves("H0001", "薛晓萍", "星河测试", "C0001"), "leave.csv", user=admin)

    assert browser.get("/org/").status_code == 302  # back to the login page
    assert script.get("/api/v1/employees").status_code == 401
    assert not Session.objects.exists() and not ApiToken.objects.filter(user=hr_person).exists()
    hr_person.refresh_from_db()
    assert not hr_person.is_active and not hr_person.has_usable_password()
    assert not _can_sign_in("hr_in_scope", "Old-secret-2026")
    assert not HRAssignment.objects.filter(user=hr_person).exists()
    assert roles_for(get_user_model().objects.get(pk=hr_person.pk)).hr_paths == ()
    # The invitation HR gave before leaving still works: it is the invitee's, not HR's.
    assert Client().get(link).status_code == 200

    account = hr_person.history.latest()
    assert (account.is_active, account.history_user, account.history_change_reason) == (False, admin, "left")
    scope = HRAssignment.history.filter(user_id=hr_person.pk).latest()
    assert (scope.history_type, scope.history_user) == ("-", admin)
    changes = _signed_in_admin().get("/access/changes/").content.decode()
    assert "hr_in_scope" in changes
    assert Employee.objects.get(employee_no="H0001").status == "left"  # the record stays


def _signed_in_admin() -> Client:
    browser = Client()
    browser.force_login(get_user_model().objects.get(username="admin"))
    return browser


def test_an_unused_invitation_of_someone_who_leaves_is_void(org):
    lead = Employee.objects.filter(employee_no="L0001")
    (sent,) = invitations.invite(employees=lead, by=org.user("admin"))
    link = sent.link.split("8000", 1)[-1]
    apply_org_import(_leaves("L0001", "李组长", "星河测试/研发中心/后端组", "M0001"), "leave.csv")
    assert Client().get(link).status_code == 404


def test_a_manager_who_leaves_reaches_nobody_and_a_returning_one_is_invited_again(org):
    manager = org.user("manager")
    manager.set_password("Old-secret-2026")
    manager.save()
    browser = _signed_in("manager")
    assert roles_for(manager).is_manager
    apply_org_import(_leaves("M0001", "陈志强", "星河测试/研发中心", "C0001"), "leave.csv")
    assert browser.get("/").status_code == 302
    assert roles_for(get_user_model().objects.get(pk=manager.pk)).is_manager is False

    # Back: active again, and invited like anyone without a way to sign in.
    apply_org_import(_leaves("M0001", "陈志强", "星河测试/研发中心", "C0001", "在职"), "back.csv")
    back = Employee.objects.filter(employee_no="M0001")
    assert list(invitations.without_access(invitations.invitable(org.user("admin")))).count(back.get())
    (sent,) = invitations.invite(employees=back, by=org.user("admin"))
    token = sent.link.rstrip("/").rsplit("/", 1)[-1]
    assert invitations.accept(token=token, password="New-secret-2026").pk == manager.pk
    assert _can_sign_in("manager", "New-secret-2026")


def test_an_administrator_marking_someone_left_in_admin_ends_their_access(org, hr_person):
    browser = _signed_in("hr_in_scope")
    admin = _signed_in_admin()
    person = Employee.objects.get(employee_no="H0001")
    page = admin.get(f"/admin/org/employee/{person.pk}/change/")
    assert page.status_code == 200
    form = {
        "employee_no": "H0001", "name": "薛晓萍", "department": org.company.pk, "manager": org.ceo.pk,
        "user": hr_person.pk, "status": "left", "hire_date": "", "email": "", "mobile": "", "position": "",
    }  # fmt: skip
    assert admin.post(f"/admin/org/employee/{person.pk}/change/", form).status_code == 302
    assert browser.get("/org/").status_code == 302
    assert not HRAssignment.objects.filter(user=hr_person).exists()
