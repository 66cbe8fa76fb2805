"""Roles are kept per process while the rights stamp stands; every write that can change someone's
rights changes the stamp in its own transaction, by whatever path it is made (a save, a queryset
update, a bulk import, the admin), so a revoked right is gone on the very next request."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from perfloop.access import policy, stamp
from perfloop.access.models import HRAssignment
from perfloop.org.models import Department, Employee

pytestmark = pytest.mark.django_db


def changes(write) -> bool:
    before = stamp.current()
    write()
    return stamp.current() != before


def test_every_kind_of_write_that_decides_rights_changes_the_stamp(org):
    users = get_user_model().objects
    assert stamp.current() is not None
    assert changes(lambda: Employee.objects.filter(pk=org.employee.pk).update(status="left"))  # bulk path
    assert changes(lambda: Employee.objects.filter(pk=org.employee.pk).update(manager=org.ceo))
    assert changes(lambda: Department.objects.create(name="新部门", parent=org.company))
    assert changes(lambda: HRAssignment.objects.create(user=org.user("employee"), department=org.sales))
    assert changes(lambda: HRAssignment.objects.filter(user=org.user("employee")).delete())
    assert changes(lambda: users.filter(pk=org.user("manager").pk).update(is_active=False))
    assert changes(lambda: users.filter(pk=org.user("admin").pk).update(is_superuser=False))
    # Signing in writes last_login: no right changes, and every process keeps its roles.
    assert not changes(lambda: users.filter(pk=org.user("hr_in_scope").pk).update(last_login=timezone.now()))


def test_roles_are_kept_while_the_stamp_stands_and_recomputed_when_it_changes(org, django_assert_num_queries):
    hr = org.user("hr_in_scope")
    first = policy.roles_for(hr)
    hr.__dict__.pop("_perfloop_roles")  # the next request's user object
    with django_assert_num_queries(1):  # the stamp alone
        assert policy.roles_for(hr) is first
    HRAssignment.objects.filter(user=hr).delete()
    hr.__dict__.pop("_perfloop_roles")
    assert not policy.roles_for(hr).is_hr


def test_a_revoked_scope_is_refused_on_the_next_request(org, client_for):
    hr = client_for("hr_in_scope")
    page = reverse("org:employee_detail", args=[org.employee.pk])
    assert hr.get(page).status_code == 200
    assert hr.get(page).status_code == 200  # roles kept from the first request
    HRAssignment.objects.filter(user=org.user("hr_in_scope")).delete()
    assert hr.get(page).status_code in (403, 404)


def test_company_wide_hr_is_known_without_a_query_per_request(org, django_assert_num_queries):
    admin_hr = get_user_model().objects.create_user("company-hr", password="pw-for-tests-1")
    HRAssignment.objects.create(user=admin_hr, department=org.company)
    assert policy.is_company_wide_hr(admin_hr) and not policy.is_company_wide_hr(org.user("hr_in_scope"))
    admin_hr.__dict__.pop("_perfloop_roles")
    with django_assert_num_queries(1):
        assert policy.is_company_wide_hr(admin_hr)
    Department.objects.create(name="海外事业部")  # a new top-level department: no longer the whole company
    admin_hr.__dict__.pop("_perfloop_roles")
    assert not policy.is_company_wide_hr(admin_hr)


@pytest.mark.django_db(transaction=True)
def test_the_stamp_is_back_after_a_flush_with_a_new_value():
    from django.core.management import call_command

    before = stamp.current()
    assert before is not None
    call_command("flush", interactive=False, verbosity=0)
    after = stamp.current()
    assert after is not None and after != before  # caches kept per process are not taken for current
