"""Invitation links point to PERFLOOP_BASE_URL whatever host a request names, and HR cancels one
that should not be used."""

import pytest
from django.test import Client

from perfloop.accounts.models import Invitation
from perfloop.org.models import Employee

pytestmark = pytest.mark.django_db
PAGE = "/accounts/invitations/"


def test_the_link_is_built_from_the_configured_address_not_the_requests_host(org, settings):
    settings.ALLOWED_HOSTS = ["*"]  # a proxy that passes any Host on
    settings.PERFLOOP_BASE_URL = "https://perfloop.example.com"
    hr = Client(headers={"host": "evil.example"})
    hr.force_login(org.user("hr_in_scope"))
    lead = Employee.objects.get(employee_no="L0001")
    html = hr.post(PAGE, {"employee": lead.pk}).content.decode()
    assert "https://perfloop.example.com/accounts/invitation/" in html and "evil.example" not in html


def test_hr_cancels_an_invitation_and_its_link_stops_working(org, browser_like):
    hr = browser_like("hr_in_scope", "zh-hans")
    lead = Employee.objects.get(employee_no="L0001")
    sent = hr.submit(PAGE, PAGE, {"employee": lead.pk}).content.decode()
    path = "/accounts/invitation/" + sent.split("/accounts/invitation/")[1].split("/")[0] + "/"
    listed = hr.get(PAGE).content.decode()
    assert 'data-testid="cancel-invitation"' in listed and "邀请于" in listed and "有效期至" in listed
    invitation = Invitation.objects.get()
    outsider = browser_like("hr_out_of_scope")
    assert outsider.submit(PAGE, f"/accounts/invitations/{invitation.pk}/cancel/", {}).status_code == 404
    assert Client().get(path).status_code == 200
    assert hr.submit(PAGE, f"/accounts/invitations/{invitation.pk}/cancel/", {}).status_code == 302
    assert Client().get(path).status_code == 404 and not Invitation.objects.exists()
