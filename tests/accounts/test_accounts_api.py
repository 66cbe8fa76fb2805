"""Accounts over the API, as HR and administrators manage them on *Accounts*."""

import pytest
from django.test import Client

from perfloop.accounts.models import Invitation
from tests.api.conftest import api_client, send  # noqa: F401  (CSRF-enforcing bearer/session clients)
from tests.org.factories import EmployeeFactory

pytestmark = pytest.mark.django_db


def test_hr_invites_withdraws_disables_and_enables(org, api_client, settings):  # noqa: F811
    settings.PERFLOOP_SENDS_MAIL = False
    hr = api_client("hr_in_scope")
    new = EmployeeFactory(employee_no="E0009", name="周新", department=org.backend, manager=org.lead)
    status, sent = send(hr, "post", "/api/v1/invitations", {"employees": [new.pk, org.other_employee.pk]})
    assert status == 200 and [s["employee_no"] for s in sent] == ["E0009"]  # 销售部 is not in scope
    invitation = Invitation.objects.get(user__employee=new)
    assert send(hr, "delete", f"/api/v1/invitations/{invitation.pk}")[0] == 204
    assert Client().get(sent[0]["link"]).status_code == 404  # the link no longer works
    status, body = send(hr, "post", f"/api/v1/accounts/{org.employee.pk}/disable")
    assert status == 200 and body["state"] == "disabled"
    assert not org.user("employee").__class__.objects.get(pk=org.user("employee").pk).is_active
    status, body = send(hr, "post", f"/api/v1/accounts/{org.employee.pk}/enable")
    assert status == 200 and body["state"] != "disabled"
    status, body = send(hr, "post", f"/api/v1/accounts/{org.employee.pk}/reset")
    assert status == 200 and "/accounts/" in body["link"]


def test_out_of_scope_is_not_found_and_a_manager_is_refused(org, api_client):  # noqa: F811
    assert (
        send(api_client("hr_out_of_scope"), "post", f"/api/v1/accounts/{org.employee.pk}/disable")[0] == 404
    )
    assert send(api_client("manager"), "post", f"/api/v1/accounts/{org.employee.pk}/disable")[0] == 403
    assert org.user("employee").__class__.objects.get(pk=org.user("employee").pk).is_active
