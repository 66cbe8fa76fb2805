"""HR gives the people in their scope an account: an invitation link, single-use and expiring."""

import datetime as dt
import email
import re

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from perfloop.accounts.models import Invitation
from perfloop.org.models import Employee


def link_path(html: str) -> str:
    return re.search(r"https?://[^/\s<]+(/accounts/invitation/[^/\s<]+/)", html).group(1)


@pytest.mark.django_db
def test_hr_invites_someone_in_scope_who_sets_a_password_once(org, browser_like):
    hr = browser_like("hr_in_scope")
    page = hr.get("/accounts/invitations/").content.decode()
    assert "李组长" in page and "周销售" not in page  # 销售部 is not this HR's scope
    lead = Employee.objects.get(employee_no="L0001")
    sent = hr.submit(
        "/accounts/invitations/", "/accounts/invitations/", {"employee": lead.pk}
    ).content.decode()
    path = link_path(sent)
    lead.refresh_from_db()
    assert lead.user.username == "L0001" and not lead.user.has_usable_password()

    newcomer = browser_like("anonymous")
    assert "L0001" in newcomer.get(path).content.decode()
    weak = newcomer.submit(path, path, {"new_password1": "1234", "new_password2": "1234"})
    assert weak.status_code == 200 and "is-invalid" in weak.content.decode()  # told why, nothing set
    done = newcomer.submit(path, path, {"new_password1": "Xinghe-2026!", "new_password2": "Xinghe-2026!"})
    assert done.status_code == 302 and done["Location"] == "/"
    lead.user.refresh_from_db()
    assert lead.user.check_password("Xinghe-2026!")
    assert Client().get(path).status_code == 404  # spent
    page = hr.get("/accounts/invitations/").content.decode()
    assert "李组长" not in page  # signs in now


@pytest.mark.django_db
def test_hr_cannot_invite_outside_their_scope_nor_themself(org, browser_like):
    hr = browser_like("hr_in_scope")
    org.user("hr_in_scope").employee = None
    outside = Employee.objects.get(employee_no="E0002")
    response = hr.submit("/accounts/invitations/", "/accounts/invitations/", {"employee": outside.pk})
    assert response.status_code == 302 and not Invitation.objects.exists()
    assert browser_like("employee").get("/accounts/invitations/").status_code == 403


@pytest.mark.django_db
def test_an_expired_link_is_refused(org):
    call_command("invite", "L0001", stdout=(out := __import__("io").StringIO()))
    path = link_path(out.getvalue())
    Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert Client().get(path).status_code == 404


@pytest.mark.django_db
def test_invite_command_gives_everyone_who_cannot_sign_in_a_link(org):
    import io

    out = io.StringIO()
    call_command("invite", "--all", "--base-url", "https://perf.example.com", stdout=out)
    lines = [line for line in out.getvalue().splitlines() if "\t" in line]
    # Four people had no account (王总, 李组长 and the two without logins); those with logins are left alone.
    invited = {line.split("\t")[0] for line in lines}
    assert invited == set(
        Employee.objects.filter(user__password__startswith="!").values_list("employee_no", flat=True)
    )
    assert "L0001" in invited and "E0001" not in invited
    assert all("https://perf.example.com/accounts/invitation/" in line for line in lines)


@pytest.mark.django_db(transaction=True)
def test_with_mail_configured_the_link_goes_by_mail_and_is_not_shown(smtp_server):
    from tests.conftest import build_org

    build_org()
    Employee.objects.filter(employee_no="L0001").update(email="lead@example.com")
    out = __import__("io").StringIO()
    call_command("invite", "L0001", stdout=out)
    assert "e-mailed to lead@example.com" in out.getvalue() and "/accounts/invitation/" not in out.getvalue()
    [(to, raw)] = smtp_server.messages
    body = email.message_from_string(raw).get_payload(decode=True).decode()
    assert to == ["lead@example.com"] and "/accounts/invitation/" in body and "L0001" in body
