"""An administrator manages accounts and is given nobody's records: the admin offers no way to
become a manager or HR (linking one's account to a manager's record, setting HR's password or
e-mail, giving an invented account an HR scope)."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from perfloop.access.models import HRAssignment
from perfloop.org.models import Employee

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(org):
    client = Client(headers={"accept-language": "en"})
    client.force_login(org.user("admin"))
    return client


def test_an_administrator_cannot_link_their_account_to_a_managers_record(org, admin_client):
    manager = org.manager
    form = {
        "employee_no": manager.employee_no, "name": manager.name, "department": manager.department_id,
        "manager": manager.manager_id, "user": org.user("admin").pk, "status": "active", "hire_date": "",
        "email": "", "mobile": "", "position": "",
    }  # fmt: skip
    admin_client.post(f"/admin/org/employee/{manager.pk}/change/", form)
    assert Employee.objects.get(pk=manager.pk).user == org.user("manager")
    assert not Employee.objects.filter(user=org.user("admin")).exists()
    assert admin_client.get("/plans/").status_code == 403  # no manager's reach


def test_an_administrator_cannot_set_hrs_password_or_e_mail(org, admin_client):
    hr = org.user("hr_in_scope")
    page = f"/admin/auth/user/{hr.pk}/password/"
    assert admin_client.get(page).status_code == 403
    sent = admin_client.post(page, {"password1": "Taken-over-2026", "password2": "Taken-over-2026"})
    assert sent.status_code == 403
    hr.refresh_from_db()
    assert not hr.check_password("Taken-over-2026")
    form = admin_client.get(f"/admin/auth/user/{hr.pk}/change/").content.decode()
    assert 'name="email"' not in form  # where a reset link would go: shown, not changed
    own = org.user("admin")
    assert admin_client.get(f"/admin/auth/user/{own.pk}/password/").status_code == 200


def test_an_hr_scope_goes_only_to_an_active_employees_account(org, admin_client):
    puppet = get_user_model().objects.create_user("puppet", password="Known-to-admin-2026")
    answer = admin_client.post(
        "/admin/access/hrassignment/add/", {"user": puppet.pk, "department": org.company.pk}
    )
    assert (
        answer.status_code == 200 and "only to the account of an active employee" in answer.content.decode()
    )
    assert not HRAssignment.objects.filter(user=puppet).exists()
    # A real employee's account (the manager's) may be named HR by the administrator.
    admin_client.post(
        "/admin/access/hrassignment/add/", {"user": org.user("manager").pk, "department": org.sales.pk}
    )
    assert HRAssignment.objects.filter(user=org.user("manager"), department=org.sales).exists()


@pytest.mark.django_db
def test_the_administration_index_reads_in_chinese(org, client_for):
    html = client_for("admin").get("/admin/", headers={"accept-language": "zh-hans"}).content.decode()
    assert "登录尝试" in html and "后台任务" in html and "数据类型" in html
    assert "Axes" not in html and "Tasks Database Backend" not in html and "型号名称" not in html
