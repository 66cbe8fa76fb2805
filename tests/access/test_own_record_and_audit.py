"""Nobody's HR or manager rights reach their own record; private reads and access changes are kept."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import translation

from perfloop.access.models import HRAssignment, PrivateRead
from perfloop.api.models import ApiToken
from perfloop.org.importing import plan_org_import
from perfloop.reviews import rules
from perfloop.reviews.importing import plan_import
from perfloop.reviews.models import Result
from perfloop.reviews.services import calibrate, change_status
from tests.org.helpers import csv_bytes
from tests.reviews.conftest import RESULTS_HEADER, TEMPLATE_HEADER, cycle, scored  # noqa: F401


def hr_over_themself(org):
    """刘洋 (the target employee) made HR over 研发中心, which holds their own record."""
    HRAssignment.objects.create(user=org.user("employee"), department=org.rd)
    user = org.user("employee")
    user.__dict__.pop("_perfloop_roles", None)
    return user


@pytest.mark.django_db
def test_hr_cannot_calibrate_read_early_or_enter_data_about_themself(scored, org):  # noqa: F811
    me = hr_over_themself(org)
    mine = Result.objects.get(cycle=scored, employee=org.employee)
    change_status(cycle=scored, to="calibrating", by=org.user("hr_in_scope"))
    mine.refresh_from_db()
    # Still calibrating: their own result is hidden from them, as from any employee.
    assert not Result.objects.visible_to(me).filter(pk=mine.pk).exists()
    assert Result.objects.visible_to(me).filter(employee=org.lead).exists()  # colleagues stay in scope
    assert not rules.can_calibrate(me, mine)
    with pytest.raises(PermissionDenied):
        calibrate(result=mine, band="excellent", reason="自己", by=me)
    assert not rules.can_enter_actuals(me, org.employee) and not rules.can_add_evidence(me, org.employee)
    assert not rules.can_see_individual_reviews(me, mine)
    assert rules.can_enter_actuals(me, org.lead)


@pytest.mark.django_db
def test_hr_cannot_import_their_own_data_or_change_their_own_org_row(cycle, org):  # noqa: F811
    me = hr_over_themself(org)
    with translation.override("en"):
        plan = plan_import(
            "results",
            csv_bytes(
                [("E0001", "代码交付", "99", "", ""), ("L0001", "代码交付", "90", "", "")], RESULTS_HEADER
            ),
            "r.csv",
            cycle=cycle,
            user=me,
        )
        assert [(e.line, e.message) for e in plan.errors] == [
            (2, "E0001 is you: data about yourself is entered by another HR user.")
        ]
        e = org.employee
        row = ["E0001", "刘洋", "星河测试/研发中心/后端组", e.position.name, "L0001", e.hire_date, e.email]
        assert plan_org_import(csv_bytes([row]), "o.csv", user=me).ok  # as it is: fine
        promoted = row[:4] + ["M0001"] + row[5:]
        errors = [e.message for e in plan_org_import(csv_bytes([promoted]), "o.csv", user=me).errors]
    assert errors == ["This row changes your own record; another HR user or an admin must do that."]


TEMPLATE = [("销售岗", "销售额", "kpi", "100", "万元", "100", "higher", "", "", "")]


@pytest.mark.django_db
def test_a_template_is_changed_only_by_hr_covering_where_it_applies(org):
    def errors(user, header, rows):
        with translation.override("en"):
            return [
                e.message for e in plan_import("template", csv_bytes(rows, header), "t.csv", user=user).errors
            ]

    by_department = [TEMPLATE_HEADER[:9] + ["适用部门"], [r[:9] + ("星河测试/销售部",) for r in TEMPLATE]]
    by_position = [TEMPLATE_HEADER, [r[:9] + ("工程师",) for r in TEMPLATE]]
    assert errors(org.user("hr_out_of_scope"), *by_department) == []
    refused = errors(org.user("hr_in_scope"), *by_department)
    assert refused and refused[0].startswith("Template “销售岗” applies beyond your HR scope")
    assert errors(org.user("hr_in_scope"), *by_position)  # a position template needs company-wide HR
    HRAssignment.objects.create(user=org.user("hr_out_of_scope"), department=org.company)
    org.user("hr_out_of_scope").__dict__.pop("_perfloop_roles", None)
    assert errors(org.user("hr_out_of_scope"), *by_position) == []


@pytest.mark.django_db
def test_private_reads_are_logged_and_shown_to_the_person(scored, org, client_for):  # noqa: F811
    change_status(cycle=scored, to="calibrating", by=org.user("hr_in_scope"))
    change_status(cycle=scored, to="feedback", by=org.user("hr_in_scope"), reason="测试中有未完成的结果")
    result = Result.objects.get(cycle=scored, employee=org.employee)
    assert client_for("manager").get(f"/reviews/results/{result.pk}/").status_code == 200
    token = ApiToken.issue(org.user("hr_in_scope"))
    api = Client(headers={"Authorization": f"Bearer {token}"})
    assert api.get(f"/api/v1/results/{result.pk}").status_code == 200
    assert client_for("hr_in_scope").get(f"/reviews/cycles/{scored.pk}/team.xlsx").status_code == 200
    assert client_for("employee").get(f"/reviews/results/{result.pk}/").status_code == 200  # own: not logged
    reads = set(
        PrivateRead.objects.filter(employee=org.employee).values_list("reader__username", "what", "via")
    )
    assert reads == {
        ("manager", "result", "page"),
        ("manager", "evidence", "page"),
        ("hr_in_scope", "result", "api"),
        ("hr_in_scope", "evidence", "api"),
        ("hr_in_scope", "export", "export"),
    }
    assert PrivateRead.objects.filter(reader=org.user("employee")).count() == 0
    with translation.override("en"):
        page = client_for("employee").get(
            f"/access/people/{org.employee.pk}/reads/", HTTP_ACCEPT_LANGUAGE="en"
        )
    assert page.status_code == 200 and org.manager.name in page.content.decode()  # a name, not a login
    assert client_for("other_manager").get(f"/access/people/{org.employee.pk}/reads/").status_code == 404


@pytest.mark.django_db
def test_hr_scope_changes_are_kept_with_who_and_when(org, client_for):
    admin = client_for("admin")
    response = admin.post(
        "/admin/access/hrassignment/add/", {"user": org.user("other_manager").pk, "department": org.sales.pk}
    )
    assert response.status_code == 302
    record = HRAssignment.history.filter(user=org.user("other_manager")).get()
    assert record.history_user == org.user("admin") and record.history_type == "+"
    page = client_for("hr_in_scope").get("/access/changes/").content.decode()
    assert "other_manager" in page and "admin" in page


@pytest.mark.django_db
def test_a_login_is_not_an_account_change(org):
    from django.contrib.auth import get_user_model

    user = org.user("employee")
    before = get_user_model().history.filter(id=user.pk).count()
    client = Client()
    assert (
        client.post("/accounts/login/", {"username": "employee", "password": "pw-for-tests-1"}).status_code
        == 302
    )
    assert get_user_model().history.filter(id=user.pk).count() == before
    user.is_active = False
    user.save()
    assert get_user_model().history.filter(id=user.pk).count() == before + 1
