"""Sign-in with LDAP against a real OpenLDAP slapd: the directory's password opens the employee's
own account, found by the directory's id once linked, else by number, e-mail or mobile; nobody
else gets in, nobody gets an empty account, rights come only from the group mapping, and the
lockout counts directory failures like any other."""

import ldap
import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client

from perfloop.access.models import HRAssignment
from perfloop.directory.models import DirectoryGrant, PersonLink
from tests.directory import slapd as directory
from tests.org.factories import EmployeeFactory

LOGIN = "/accounts/login/"


def sign_in(username, password=directory.PASSWORD, language="en", client=None):
    client = client or Client(headers={"accept-language": language})
    return client, client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR="10.0.0.1")


def entry_uuid(server, dn):
    connection = server.admin()
    found = connection.search_s(dn, ldap.SCOPE_BASE, attrlist=["entryUUID"])
    return found[0][1]["entryUUID"][0].decode()


@pytest.mark.django_db
def test_the_directory_password_opens_the_employees_own_account(org, ldap_on):
    client, answer = sign_in("liuyang")
    assert answer.status_code == 302 and answer["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == org.user("employee").pk
    link = PersonLink.objects.get()
    assert link.employee == org.employee and link.external_id == entry_uuid(
        ldap_on, f"uid=liuyang,{directory.BACKEND}"
    )
    assert client.get("/").status_code == 200
    assert not HRAssignment.objects.filter(user=org.user("employee")).exists()  # no rights from the directory


@pytest.mark.django_db
def test_once_linked_the_directory_id_finds_the_person_whatever_their_number(org, ldap_on):
    sign_in("liuyang")
    org.employee.employee_no = "E0001-renumbered"
    org.employee.save()
    client, answer = sign_in("liuyang")
    assert answer.status_code == 302 and int(client.session["_auth_user_id"]) == org.user("employee").pk


@pytest.mark.django_db
def test_an_employee_without_an_account_gets_one_without_a_password(org, ldap_on):
    zhao = EmployeeFactory(employee_no="S0001", name="赵敏", department=org.sales)
    client, answer = sign_in("zhao")
    zhao.refresh_from_db()
    assert answer.status_code == 302 and zhao.user is not None and not zhao.user.has_usable_password()
    assert zhao.user.username == "S0001" and int(client.session["_auth_user_id"]) == zhao.user_id


@pytest.mark.django_db
def test_someone_the_organisation_does_not_know_is_refused_logged_and_given_nothing(org, ldap_on):
    users = get_user_model().objects.count()
    client, answer = sign_in("stranger")
    page = answer.content.decode()
    assert answer.status_code == 200 and "not linked to anyone in PerfLoop" in page
    assert "_auth_user_id" not in client.session and get_user_model().objects.count() == users
    assert AccessAttempt.objects.get(username="stranger").failures_since_start == 1
    _client, zh = sign_in("stranger", language="zh-hans")
    assert "您的目录账号未关联 PerfLoop 中的任何人" in zh.content.decode()


@pytest.mark.django_db
def test_someone_who_left_is_refused_with_the_reason(org, ldap_on):
    org.employee.status = "left"
    org.employee.save()
    client, answer = sign_in("liuyang")
    assert "_auth_user_id" not in client.session and "account is closed" in answer.content.decode()


@pytest.mark.django_db
def test_a_wrong_password_or_a_filter_in_the_name_opens_nothing_and_failures_lock(org, ldap_on):
    for name in ("liuyang", "*", "liuyang)(uid=*", "*)(|(uid=*"):
        client, answer = sign_in(name, password="wrong" if name == "liuyang" else directory.PASSWORD)
        assert answer.status_code == 200 and "_auth_user_id" not in client.session, name
    for _ in range(4):
        sign_in("liuyang", password="wrong")
    client, answer = sign_in("liuyang")  # the right password, too late
    assert answer.status_code == 429 and "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_hr_group_makes_company_wide_hr_and_leaving_it_takes_that_back(org, ldap_on):
    wang = EmployeeFactory(employee_no="H0001", name="王芳", department=org.company)
    sign_in("wangfang")
    wang.refresh_from_db()
    assert list(HRAssignment.objects.filter(user=wang.user).values_list("department", flat=True)) == [
        org.company.pk
    ]
    assert DirectoryGrant.objects.filter(user=wang.user, role="hr").exists()
    connection = ldap_on.admin()
    connection.modify_s(
        directory.HR_GROUP, [(ldap.MOD_REPLACE, "member", [f"uid=chenzq,{directory.RD}".encode()])]
    )
    sign_in("wangfang")
    assert not HRAssignment.objects.filter(user=wang.user).exists() and not DirectoryGrant.objects.exists()


@pytest.mark.django_db
def test_rights_given_by_hand_are_not_the_directorys_to_take(org, ldap_on):
    HRAssignment.objects.create(user=org.user("employee"), department=org.backend)
    sign_in("liuyang")  # not in the HR group
    assert HRAssignment.objects.filter(user=org.user("employee"), department=org.backend).exists()


@pytest.mark.django_db
def test_an_account_closed_after_sign_in_is_out_on_the_next_request(org, ldap_on):
    client, _answer = sign_in("liuyang")
    assert client.get("/").status_code == 200
    user = org.user("employee")
    user.is_active = False
    user.save()
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_a_binary_directory_id_names_the_same_entry_at_sign_in_and_in_the_sync(org, ldap_on, settings):
    """Active Directory's objectGUID is 16 bytes, not text (played by a binary attribute of slapd)."""
    import uuid

    from perfloop.directory import ldap_sync, sync

    guid = bytes([0xFF, 0xFE, 0x00, 0x81] * 4)  # not UTF-8
    ldap_on.admin().modify_s(f"uid=liuyang,{directory.BACKEND}", [(ldap.MOD_ADD, "jpegPhoto", [guid])])
    settings.PERFLOOP_LDAP_ATTRIBUTES = {**settings.PERFLOOP_LDAP_ATTRIBUTES, "id": "jpegPhoto"}
    sign_in("liuyang")
    expected = str(uuid.UUID(bytes_le=guid))
    assert PersonLink.objects.get(employee=org.employee).external_id == expected
    applied = sync.run("ldap", ldap_sync.snapshot, apply=True)
    assert applied.status == "applied" and applied.counts["left"] == 0  # the same person, not a stranger
    assert list(PersonLink.objects.filter(employee=org.employee).values_list("external_id", flat=True)) == [
        expected
    ]
