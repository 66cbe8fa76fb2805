"""HR of the whole organisation previews and runs the sync from its page or the API; the
schedule queues one when due; the task worker runs them."""

import pytest
from django.core.exceptions import ValidationError

from perfloop.access.models import HRAssignment
from perfloop.directory import services
from perfloop.directory.models import SyncRun
from perfloop.org.models import Employee
from tests.api.conftest import send
from tests.org.factories import UserFactory


@pytest.fixture
def company_hr(org):
    user = UserFactory(username="company_hr")
    HRAssignment.objects.create(user=user, department=org.company)
    org.users["company_hr"] = user  # a role of this test's organisation, for browser_like
    return user


@pytest.mark.django_db
def test_company_wide_hr_previews_then_applies_from_the_page(
    org, ldap_on, company_hr, browser_like, django_capture_on_commit_callbacks
):
    hr = browser_like("company_hr")
    with django_capture_on_commit_callbacks(execute=True):
        answer = hr.submit("/directory/", "/directory/sync/", {"source": "ldap"})
    assert answer.status_code == 302 and not Employee.objects.filter(employee_no="H0001").exists()
    preview = SyncRun.objects.get()
    assert preview.status == "previewed" and preview.by == company_hr
    page = hr.get("/directory/").content.decode()
    assert "3 added" in page
    with django_capture_on_commit_callbacks(execute=True):
        hr.submit("/directory/", "/directory/sync/", {"source": "ldap", "apply": "1"})
    assert (
        SyncRun.objects.latest("pk").status == "applied"
        and Employee.objects.filter(employee_no="H0001").exists()
    )
    detail = hr.get(f"/directory/runs/{preview.pk}/")
    assert detail.status_code == 200 and "3 added" in detail.content.decode()


@pytest.mark.django_db
def test_hr_of_one_department_may_not(org, ldap_on, client_for):
    assert client_for("hr_in_scope").get("/directory/").status_code == 403


@pytest.mark.django_db
def test_the_api_queues_and_reads_syncs(org, ldap_on, api_client, django_capture_on_commit_callbacks):
    admin = api_client("admin")
    with django_capture_on_commit_callbacks(execute=True):
        status, queued = send(admin, "post", "/api/v1/directory/syncs", {"source": "ldap", "apply": False})
    assert status == 202
    status, run = send(admin, "get", f"/api/v1/directory/syncs/{queued['id']}")
    assert status == 200 and run["status"] == "previewed" and run["counts"]["added"] == 3
    status, refused = send(admin, "post", "/api/v1/directory/syncs", {"source": "wecom"})
    assert status == 400 and refused["detail"]


@pytest.mark.django_db
def test_a_second_sync_waiting_is_refused(org, ldap_on, company_hr):
    services.queue(source="ldap", apply=True, by=company_hr)  # the worker has not run it yet
    with pytest.raises(ValidationError) as refused:
        services.queue(source="ldap", apply=False, by=company_hr)
    assert refused.value.code == "conflict"  # 409 over the API


@pytest.mark.django_db
def test_the_schedule_queues_a_sync_when_the_last_is_old_enough(
    org, ldap_on, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.queue_due()
    assert [r.status for r in first] == ["queued"] and SyncRun.objects.get().status == "applied"
    assert services.queue_due() == []  # within the hour: nothing more


@pytest.mark.django_db
def test_the_runs_page_costs_the_same_whoever_ran_how_many(org, company_hr, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.org.factories import EmployeeFactory

    client = client_for("admin")

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/directory/").status_code == 200
        return len(queries)

    SyncRun.objects.create(source="ldap", status="applied", by=company_hr)
    few = cost()
    for n in range(15):  # runs by fifteen other people, each with their employee record
        employee = EmployeeFactory(department=org.company, user=UserFactory(username=f"runner{n}"))
        SyncRun.objects.create(source="ldap", status="previewed", by=employee.user)
    assert cost() == few


@pytest.mark.django_db
def test_a_sync_no_worker_ever_ran_stops_blocking_the_next_and_hr_hears_of_it(org, ldap_on, company_hr):
    import datetime as dt

    from django.utils import timezone

    from perfloop.notify.models import Notification

    lost = services.queue(source="ldap", apply=True)  # queued; the task worker never takes it
    SyncRun.objects.filter(pk=lost.pk).update(started_at=timezone.now() - dt.timedelta(minutes=30))
    with pytest.raises(ValidationError):  # still within its hour: it may yet run
        services.queue(source="ldap", apply=True)
    SyncRun.objects.filter(pk=lost.pk).update(started_at=timezone.now() - dt.timedelta(minutes=61))
    services.queue(source="ldap", apply=True)
    lost.refresh_from_db()
    assert lost.status == "failed" and "从未运行" in lost.errors[0][1]  # in the company's language
    assert Notification.objects.filter(recipient=company_hr, event="directory.sync_failed").exists()
