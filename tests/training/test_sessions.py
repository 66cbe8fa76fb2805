"""Training sessions: planned from a needs line, people enrolled within the seats, and attendance
that marks the person's matching training budget as given on their plan exactly once — and opens
it again when corrected. Pages as a browser posts them (CSRF), the API with bearer and session."""

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from perfloop.plans.models import Support
from perfloop.training import sessions
from perfloop.training.models import Enrolment, Session
from tests.api.conftest import api_client, send  # noqa: F401  (CSRF-enforcing bearer/session clients)
from tests.plans.factories import GoalFactory, PlanFactory, SupportFactory
from tests.races import race, refused
from tests.reviews.factories import IndicatorFactory
from tests.training.factories import EnrolmentFactory, SessionFactory


def budget(org, topic="产品知识", amount=2000, employee=None, status="active"):
    """A training budget on an improvement plan whose first indicator is `topic`."""
    plan = PlanFactory(employee=employee or org.employee, owner=org.user("manager"), status=status)
    GoalFactory(plan=plan, indicator=IndicatorFactory(name=topic, kind="competency"))
    return SupportFactory(plan=plan, kind="budget", amount=amount)


@pytest.mark.django_db
def test_attendance_marks_the_matching_budget_given_once_and_a_correction_opens_it(org):
    given = budget(org)
    other_topic = budget(org, topic="沟通")
    session = SessionFactory(topic="产品知识", department=org.backend)
    hr = org.user("hr_in_scope")
    (enrolment,) = sessions.enrol(session=session, employees=[org.employee], by=hr)
    sessions.record_attendance(enrolment=enrolment, attended=True, by=hr)
    sessions.record_attendance(enrolment=enrolment, attended=True, by=hr)  # marked twice: nothing more
    given.refresh_from_db()
    other_topic.refresh_from_db()
    assert given.status == "done" and given.done_at is not None and other_topic.status == "open"
    enrolment.refresh_from_db()
    session.refresh_from_db()
    assert enrolment.support == given and (session.enrolled, session.attended) == (1, 1)
    # A second session on the same line, attended too: no second budget to give, none given twice.
    again = SessionFactory(topic="产品知识")
    (second,) = sessions.enrol(session=again, employees=[org.employee], by=hr)
    assert sessions.record_attendance(enrolment=second, attended=True, by=hr).support is None
    assert Support.objects.filter(status="done").count() == 1
    # Corrected to absent: the budget is open again, and the figures follow.
    sessions.record_attendance(enrolment=enrolment, attended=False, by=hr)
    given.refresh_from_db()
    session.refresh_from_db()
    assert given.status == "open" and given.done_at is None and session.attended == 0


@pytest.mark.django_db
def test_a_need_naming_no_indicator_gives_a_budget_naming_none(org):
    plan = PlanFactory(employee=org.employee, owner=org.user("manager"), status="draft")
    GoalFactory(plan=plan, indicator=None)
    unnamed = SupportFactory(plan=plan, kind="budget", amount=800)
    named = budget(org)
    hr = org.user("hr_in_scope")
    (enrolment,) = sessions.enrol(session=SessionFactory(topic=""), employees=[org.employee], by=hr)
    sessions.record_attendance(enrolment=enrolment, attended=True, by=hr)
    unnamed.refresh_from_db()
    named.refresh_from_db()
    assert (unnamed.status, named.status) == ("done", "open")


@pytest.mark.django_db
def test_enrolment_keeps_to_the_seats_the_scope_and_people_still_here(org):
    hr = org.user("hr_in_scope")
    session = SessionFactory(seats=1)
    sessions.enrol(session=session, employees=[org.employee], by=hr)
    sessions.enrol(session=session, employees=[org.employee], by=hr)  # already enrolled: stays
    with pytest.raises(sessions.ValidationError) as full:
        sessions.enrol(session=session, employees=[org.lead], by=hr)
    assert full.value.code == "conflict"
    with pytest.raises(sessions.PermissionDenied):
        sessions.enrol(session=SessionFactory(), employees=[org.other_employee], by=hr)
    org.lead.status = "left"
    org.lead.save()
    with pytest.raises(sessions.ValidationError):
        sessions.enrol(session=SessionFactory(), employees=[org.lead], by=hr)
    with pytest.raises(sessions.PermissionDenied):  # a manager is no HR
        sessions.plan_session(by=org.user("manager"), course="x", starts=dt.date(2026, 1, 1),
                              ends=dt.date(2026, 1, 1), seats=1)  # fmt: skip
    assert Enrolment.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_hr_taking_the_last_seat_at_once_one_is_told_it_is_gone(org):
    session = SessionFactory(seats=1)
    hr = org.user("hr_in_scope")
    outcomes = race(
        lambda: sessions.enrol(session=session, employees=[org.employee], by=hr),
        lambda: sessions.enrol(session=session, employees=[org.lead], by=hr),
    )
    assert sum(refused(o, "conflict") for o in outcomes) == 1, outcomes
    assert Enrolment.objects.filter(session=session).count() == 1
    session.refresh_from_db()
    assert session.enrolled == 1


@pytest.mark.django_db(transaction=True)
def test_attendance_marked_twice_at_once_gives_the_budget_once(org):
    given = budget(org)
    enrolment = EnrolmentFactory(session=SessionFactory(topic="产品知识"), employee=org.employee)
    hr = org.user("hr_in_scope")
    race(*(lambda: sessions.record_attendance(enrolment=enrolment, attended=True, by=hr) for _ in range(2)))
    given.refresh_from_db()
    enrolment.refresh_from_db()
    assert given.status == "done" and enrolment.support_id == given.pk and enrolment.session.attended == 1


@pytest.mark.django_db
def test_hr_plans_enrols_and_marks_on_the_pages_as_a_browser_posts(org, browser_like):
    given = budget(org)
    hr = browser_like("hr_in_scope", language="zh-hans")
    form = hr.get(f"/training/sessions/new/?topic=产品知识&department={org.backend.pk}").content.decode()
    assert 'value="产品知识"' in form and "安排培训" in form
    typed = {"course": "产品知识训练营", "provider": "", "topic": "产品知识", "department": org.backend.pk,
             "starts": "2026-12-20", "ends": "2026-12-10", "seats": "5", "cost": "3000"}  # fmt: skip
    wrong = hr.submit("/training/sessions/new/", "/training/sessions/new/", typed)
    assert (
        wrong.status_code == 400
        and "结束日期早于" in wrong.content.decode()
        and "产品知识训练营" in wrong.content.decode()
    )
    response = hr.submit(
        "/training/sessions/new/", "/training/sessions/new/", {**typed, "ends": "2026-12-21"}
    )
    session = Session.objects.get()
    assert response.status_code == 302 and (session.cost, session.department) == (Decimal(3000), org.backend)
    page = hr.get(f"/training/sessions/{session.pk}/").content.decode()
    assert f'value="{org.employee.pk}"' in page  # offered: on the line with a training budget
    hr.submit(f"/training/sessions/{session.pk}/", f"/training/sessions/{session.pk}/enrol/",
              {"people": [org.employee.pk], "numbers": "L0001"})  # fmt: skip
    assert set(session.enrolments.values_list("employee__name", flat=True)) == {"刘洋", "李组长"}
    told = hr.submit(f"/training/sessions/{session.pk}/", f"/training/sessions/{session.pk}/enrol/",
                     {"numbers": "E0002"}, follow=True).content.decode()  # fmt: skip
    assert "E0002" in told and session.enrolments.count() == 2  # 周销售 is not in this HR's scope
    enrolment = session.enrolments.get(employee=org.employee)
    hr.submit(f"/training/sessions/{session.pk}/", f"/training/enrolments/{enrolment.pk}/attendance/",
              {"attended": "yes"})  # fmt: skip
    given.refresh_from_db()
    assert given.status == "done"
    listed = hr.get("/training/sessions/").content.decode()
    assert "产品知识训练营" in listed and "2 / 5" in listed
    sheet = load_workbook(BytesIO(hr.get("/training/sessions.xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][0] == "产品知识训练营" and rows[1][6:9] == (5, 2, 1)
    assert browser_like("manager").get("/training/sessions/").status_code == 403
    other = browser_like("hr_out_of_scope").get(f"/training/sessions/{session.pk}/").content.decode()
    assert "刘洋" not in other  # a session is every HR's; the people on it only those in scope


@pytest.mark.django_db
def test_the_api_plans_enrols_marks_and_removes(org, api_client):  # noqa: F811
    given = budget(org)
    hr = api_client("hr_in_scope")
    body = {"course": "产品知识训练营", "topic": "产品知识", "department": org.backend.pk,
            "starts": "2026-12-20", "ends": "2026-12-21", "seats": 1, "cost": "3000"}  # fmt: skip
    status, session = send(hr, "post", "/api/v1/training/sessions", body)
    assert status == 201 and session["seats"] == 1 and Decimal(session["cost"]) == 3000
    assert send(hr, "post", "/api/v1/training/sessions", {**body, "ends": "2026-12-01"})[0] == 400
    url = f"/api/v1/training/sessions/{session['id']}/enrolments"
    status, (enrolled,) = send(hr, "post", url, {"employees": [org.employee.pk]})
    assert status == 201 and enrolled["attended"] is None
    assert send(hr, "post", url, {"employees": [org.lead.pk]})[0] == 409  # the seat is taken
    assert send(hr, "post", url, {"employees": [org.other_employee.pk]})[0] == 404  # not theirs
    status, marked = send(
        hr, "put", f"/api/v1/training/enrolments/{enrolled['id']}/attendance", {"attended": True}
    )
    assert status == 200 and marked["support_id"] == given.pk
    status, listed = send(hr, "get", url)
    assert status == 200 and listed["items"][0]["attended"] is True
    assert send(hr, "delete", f"/api/v1/training/enrolments/{enrolled['id']}")[0] == 204
    given.refresh_from_db()
    assert given.status == "open" and not Enrolment.objects.exists()
    assert send(api_client("manager"), "get", "/api/v1/training/sessions")[0] == 403
