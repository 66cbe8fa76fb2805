"""The organisation kept in step with DingTalk, WeCom and Feishu, each played by a stand-in that
checks the app's token on every call, pages its listings (DingTalk by cursor, Feishu by page
token), expires tokens and answers "too frequent" with the service's own code: the tree and the
people arrive whole, a second run changes nothing, someone who left is left, a token that expired
is fetched again, a rate limit is waited out, and a directory that cannot be read changes nothing
and HR hears of it."""

import pytest

from perfloop.access.models import HRAssignment
from perfloop.directory import sources, sync
from perfloop.directory.models import DepartmentLink, PersonLink
from perfloop.notify.models import Notification
from perfloop.org.models import Department, Employee
from tests.org.factories import UserFactory

SERVICES = ["dingtalk", "wecom", "feishu"]


def run(service, apply=True):
    return sync.run(service, sources.snapshot_of(service), apply=apply)


def state():
    return sorted(
        Employee.objects.values_list("employee_no", "name", "department_id", "manager_id", "status")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("service", SERVICES)
def test_the_directory_arrives_whole_and_a_second_run_changes_nothing(org, services_on, service):
    before = state()
    preview = run(service, apply=False)
    assert preview.status == "previewed" and state() == before and not PersonLink.objects.exists()
    applied = run(service)
    assert applied.status == "applied" and applied.counts == preview.counts and applied.counts["added"] == 1
    zhao = Employee.objects.get(employee_no="S0001")
    assert zhao.name == "赵敏" and zhao.department == org.sales and zhao.position.name == "销售"
    liu = Employee.objects.get(employee_no="E0001")
    assert liu.department == org.backend and liu.manager == org.manager  # the directory's line
    assert PersonLink.objects.filter(source=service).count() == 3
    assert DepartmentLink.objects.get(source=service, department=org.backend)  # the same place, linked
    again = run(service)
    assert again.counts["added"] == again.counts["changed"] == again.counts["left"] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("service", ["dingtalk", "feishu"])
def test_a_department_larger_than_a_page_arrives_whole(org, services_on, service):
    services_on.people += [
        {"id": f"u-{n}", "name": f"新人{n}", "unit": "sales", "number": f"N{n:04d}", "position": "销售", "manager": ""}
        for n in range(130)
    ]  # fmt: skip
    applied = run(service)
    assert applied.status == "applied" and Employee.objects.filter(employee_no__startswith="N").count() == 130
    listed = [path for s, path in services_on.calls if s == service and "user" in path]
    assert len(listed) >= (3 if service == "dingtalk" else 4)  # pages of 100 / 50, then the other units


@pytest.mark.django_db
@pytest.mark.parametrize("service", SERVICES)
def test_someone_who_left_the_directory_is_left_here(org, services_on, service, client_for):
    run(service)
    signed_in = client_for("employee")
    assert signed_in.get("/").status_code == 200
    services_on.people[1]["active"] = (
        False  # 刘洋 left (DingTalk: inactive; WeCom: status 5; Feishu: resigned)
    )
    gone = run(service)
    liu = Employee.objects.get(employee_no="E0001")
    assert gone.counts["left"] == 1 and liu.status == "left" and not liu.user.is_active
    assert signed_in.get("/").status_code == 302  # out on the next request


@pytest.mark.django_db
@pytest.mark.parametrize("service", SERVICES)
def test_a_unit_renamed_keeps_its_department_and_history(org, services_on, service):
    run(service)
    history = org.backend.history.count()
    services_on.units[1] = ("backend", "服务端组", "rd")
    renamed = run(service)
    backend = Department.objects.get(pk=org.backend.pk)
    assert backend.name == "服务端组" and renamed.counts["departments_renamed"] == 1
    assert backend.history.count() == history + 1


@pytest.mark.django_db
@pytest.mark.parametrize("service", SERVICES)
def test_an_expired_token_is_fetched_again(org, services_on, service):
    run(service)
    fetched = services_on.token_fetches[service]
    services_on.expire_tokens()
    assert run(service).status == "applied" and services_on.token_fetches[service] == fetched + 1


@pytest.mark.django_db
@pytest.mark.parametrize("service", SERVICES)
def test_too_frequent_is_waited_out(org, services_on, service):
    services_on.too_frequent[service] = 3
    assert run(service).status == "applied" and services_on.too_frequent[service] == 0


@pytest.mark.django_db
@pytest.mark.parametrize("service", SERVICES)
def test_a_directory_that_cannot_be_read_changes_nothing_and_hr_hears_of_it(
    org, services_on, service, settings
):
    company_hr = UserFactory(username="company_hr")
    HRAssignment.objects.create(user=company_hr, department=org.company)
    before = state()
    services_on.too_frequent[service] = 50  # past the tries
    failed = run(service)
    assert failed.status == "failed" and "5 tries" in failed.errors[0][1] and state() == before
    assert Notification.objects.filter(recipient=company_hr, event="directory.sync_failed").exists()
    services_on.too_frequent[service] = 0
    settings.PERFLOOP_SIGNIN_ENVIRONMENT[service]["secret"] = "not-the-secret"
    refused = run(service)
    assert refused.status == "failed" and state() == before
    assert {"dingtalk": "40089", "wecom": "40001", "feishu": "10014"}[service] in refused.errors[0][1]


@pytest.mark.django_db
@pytest.mark.parametrize("service", SERVICES)
def test_the_sync_gives_nobody_a_right(org, services_on, service):
    assignments = HRAssignment.objects.count()
    run(service)
    assert HRAssignment.objects.count() == assignments
