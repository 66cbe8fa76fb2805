"""The accounts page: each person's state, a new password link, disabled and enabled again, and
new links exported as a CSV when mail is off."""

import csv
import io

import pytest
from django.test import Client

from perfloop.org.models import Employee

PAGE = "/accounts/invitations/"


@pytest.mark.django_db
def test_each_person_is_listed_in_their_state(org, browser_like):
    hr = browser_like("hr_in_scope", "zh-hans")
    hr.submit(PAGE, PAGE, {"employee": org.lead.pk})  # 李组长 invited; 陈志强 and 刘洋 sign in
    waiting = hr.get(PAGE).content.decode()
    assert "李组长" in waiting and "邀请于" in waiting and "刘洋" not in waiting
    signing_in = hr.get(PAGE, {"state": "active"}).content.decode()
    assert "刘洋" in signing_in and "从未登录" in signing_in and "李组长" not in signing_in
    assert "周销售" not in hr.get(PAGE, {"state": "all"}).content.decode()  # not this HR's scope
    assert "刘洋" in hr.get(PAGE, {"state": "all", "q": "liuyang"}).content.decode()


@pytest.mark.django_db
def test_a_disabled_account_is_refused_at_once_and_can_be_enabled_again(org, browser_like, client_for):
    person = client_for("employee")
    assert person.get("/").status_code == 200
    hr = browser_like("hr_in_scope", "zh-hans")
    done = hr.submit(f"{PAGE}?state=active", f"/accounts/people/{org.employee.pk}/disable/", {})
    assert done.status_code == 302
    assert person.get("/").status_code == 302  # signed out on the next request
    assert "刘洋" in hr.get(PAGE, {"state": "disabled"}).content.decode()
    hr.submit(f"{PAGE}?state=disabled", f"/accounts/people/{org.employee.pk}/enable/", {})
    org.user("employee").refresh_from_db()
    assert org.user("employee").is_active
    # Out of scope, or an unknown action: nothing to find.
    outsider = browser_like("hr_out_of_scope")
    assert outsider.submit(PAGE, f"/accounts/people/{org.employee.pk}/disable/", {}).status_code == 404
    assert hr.submit(PAGE, f"/accounts/people/{org.employee.pk}/delete/", {}).status_code == 404
    org.user("employee").refresh_from_db()
    assert org.user("employee").is_active


@pytest.mark.django_db
def test_a_new_password_link_shown_when_mail_is_off_sets_a_password_once(org, browser_like):
    hr = browser_like("hr_in_scope")
    page = hr.submit(
        f"{PAGE}?state=active", f"/accounts/people/{org.employee.pk}/reset/", {}
    ).content.decode()
    link = page.split('data-testid="reset-link">')[1].split("<")[0]
    path = "/" + link.split("/", 3)[3]
    person = Client()
    form = person.get(path, follow=True)
    assert form.status_code == 200
    set_url = form.redirect_chain[-1][0]
    person.post(set_url, {"new_password1": "Xinghe-2026!", "new_password2": "Xinghe-2026!"})
    org.user("employee").refresh_from_db()
    assert org.user("employee").check_password("Xinghe-2026!")
    assert (
        "form" not in Client().get(path, follow=True).content.decode().split("<main")[1].split("</main>")[0]
    )


@pytest.mark.django_db
def test_new_links_download_as_a_csv_that_excel_reads_in_chinese(org, browser_like):
    hr = browser_like("hr_in_scope", "zh-hans")
    answer = hr.submit(PAGE, PAGE, {"all": "1", "csv": "1"})
    assert answer["Content-Type"].startswith("text/csv") and answer.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0] == ["工号", "姓名", "用户名", "邀请"]
    lead = Employee.objects.get(pk=org.lead.pk)
    assert [lead.employee_no, "李组长", lead.user.username] == rows[1][
        :3
    ] and "/accounts/invitation/" in rows[1][3]
