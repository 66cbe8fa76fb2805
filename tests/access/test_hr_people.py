"""Administrators name HR people on a page: found by pinyin, given an account if they have none,
and warned of an HR person whose own records nobody else covers."""

import pytest

from perfloop.access.models import HRAssignment
from perfloop.accounts.models import Invitation
from perfloop.org.models import Employee
from tests.org.factories import EmployeeFactory, UserFactory

PAGE = "/access/hr/"


@pytest.mark.django_db
def test_an_administrator_finds_a_person_by_pinyin_and_names_them_hr_with_an_invitation(org, browser_like):
    admin = browser_like("admin", "zh-hans")
    found = admin.get(PAGE, {"q": "lzz"}).content.decode()  # 李组长 by initials
    assert f'value="{org.lead.pk}"' in found and "还没有账号" in found
    answer = admin.submit(
        f"{PAGE}?q=lzz", "/access/hr/name/", {"employee": org.lead.pk, "department": org.rd.pk}
    )
    assert answer.status_code == 200
    org.lead.refresh_from_db()
    assert HRAssignment.objects.filter(user=org.lead.user, department=org.rd).exists()
    invitation = Invitation.objects.get(user=org.lead.user, used_at__isnull=True)
    assert "/accounts/invitation/" in answer.content.decode() and invitation.created_by == org.user("admin")
    listed = admin.get(PAGE).content.decode()
    assert "李组长" in listed and "研发中心" in listed


@pytest.mark.django_db
def test_someone_who_left_cannot_be_named_and_nothing_changes(org, browser_like):
    org.lead.status = Employee.Status.LEFT
    org.lead.save()
    before = HRAssignment.objects.count()
    answer = browser_like("admin", "zh-hans").submit(
        PAGE, "/access/hr/name/", {"employee": org.lead.pk, "department": org.rd.pk}
    )
    assert answer.status_code == 400 and "请选择人员" in answer.content.decode()
    assert HRAssignment.objects.count() == before and org.lead.user_id is None


@pytest.mark.django_db
def test_the_only_hr_person_of_a_department_is_named_with_a_way_out(org, browser_like):
    # One HR person for the whole company, in the top department where no other scope reaches.
    solo = EmployeeFactory(
        name="吴人事", department=org.company, manager=org.ceo, user=UserFactory(username="solo")
    )
    HRAssignment.objects.create(user=solo.user, department=org.company)
    admin = browser_like("admin", "zh-hans")
    page = admin.get(PAGE).content.decode()
    assert "吴人事" in page and 'data-testid="uncovered-hr"' in page and "任命 王总 为 星河测试 的HR" in page
    # The way out: their manager becomes the second HR person for that department.
    admin.submit(PAGE, "/access/hr/name/", {"employee": org.ceo.pk, "department": org.company.pk})
    org.ceo.refresh_from_db()
    assert HRAssignment.objects.filter(user=org.ceo.user, department=org.company).exists()
    assert 'data-testid="uncovered-hr"' not in admin.get(PAGE).content.decode()


@pytest.mark.django_db
def test_a_removed_scope_stops_working_on_the_next_request(org, browser_like, client_for):
    hr = client_for("hr_in_scope")
    assert hr.get("/reviews/cycles/").status_code == 200
    scope = HRAssignment.objects.get(user=org.user("hr_in_scope"))
    browser_like("admin").submit(PAGE, f"/access/hr/{scope.pk}/remove/", {})
    assert not HRAssignment.objects.filter(pk=scope.pk).exists()
    assert hr.get("/reviews/cycles/").status_code == 403


@pytest.mark.django_db
def test_the_page_that_blocks_says_why_an_hr_person_s_own_result_is_missing(org, browser_like):
    from perfloop.reviews.models import ReviewCycle
    from tests.reviews.factories import ReviewCycleFactory

    solo = EmployeeFactory(
        name="吴人事", department=org.company, manager=org.ceo, user=UserFactory(username="solo")
    )
    HRAssignment.objects.create(user=solo.user, department=org.company)
    cycle = ReviewCycleFactory(status=ReviewCycle.Status.CALIBRATING)
    page = (
        browser_like("hr_in_scope", "zh-hans")
        .get(f"/reviews/cycles/{cycle.pk}/status/feedback/")
        .content.decode()
    )
    assert 'data-testid="uncovered-hr"' in page and "吴人事" in page and "星河测试" in page
