"""Training needs counted right on a hand-built organisation: each source in people of its own,
by indicator and the person's department; budgets committed, spent and open; only what the
viewer's rights reach, never the viewer's own; the same number of queries whatever the size."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from perfloop.access.models import HRAssignment
from perfloop.training.needs import needs
from tests.api.conftest import api_client  # noqa: F401  (CSRF-enforcing bearer/session clients)
from tests.feedback.factories import FeedbackRecordFactory, FeedbackRequestFactory
from tests.org.factories import EmployeeFactory, UserFactory
from tests.plans.factories import GoalFactory, PlanFactory, SupportFactory
from tests.reviews.factories import IndicatorFactory, ResultFactory, ReviewCycleFactory, RootCauseFactory


def build(org):
    """刘洋 and 李组长 (后端组) and 周销售 (销售部) lack skills in 产品知识; 刘洋 asked for training;
    李组长 builds on 产品知识 in a development plan (and a goal without an indicator); budgets on
    both their plans, one given, one dropped; what does not count beside each."""
    cycle = ReviewCycleFactory(status="feedback")
    knowledge = IndicatorFactory(name="产品知识", kind="competency")
    sales = IndicatorFactory(name="销售额")
    results = {
        e: ResultFactory(cycle=cycle, employee=e) for e in (org.employee, org.lead, org.other_employee)
    }
    by = org.user("manager")
    for person in results:
        RootCauseFactory(result=results[person], indicator=knowledge, by=by)
    RootCauseFactory(result=results[org.employee], indicator=sales, by=by, cause="resources")  # not skills
    record = FeedbackRecordFactory(result=results[org.employee], status="held")
    FeedbackRequestFactory(record=record, kind="training")
    FeedbackRequestFactory(record=record, kind="workload")  # not training
    improving = PlanFactory(employee=org.employee, owner=by, status="active")
    GoalFactory(plan=improving, indicator=knowledge)
    SupportFactory(plan=improving, kind="budget", amount=2000)  # open
    SupportFactory(plan=improving, kind="budget", amount=500, status="dropped")  # not committed
    developing = PlanFactory(employee=org.lead, owner=by, status="active", kind="development")
    GoalFactory(plan=developing, indicator=knowledge)
    GoalFactory(plan=developing, description="两年内成为技术负责人")
    SupportFactory(plan=developing, kind="budget", amount=1000, status="done")  # spent
    cancelled = PlanFactory(employee=org.other_employee, owner=by, status="cancelled", kind="development")
    GoalFactory(plan=cancelled, indicator=knowledge)
    return knowledge


def table(user) -> dict:
    return {
        (n.topic, n.department_id): (
            n.skills_gaps,
            n.requests,
            n.development_goals,
            n.committed,
            n.spent,
            n.open,
        )
        for n in needs(user)
    }


@pytest.mark.django_db
def test_the_manager_reads_the_needs_of_their_line_counted_by_source(org):
    build(org)
    assert table(org.user("manager")) == {
        ("产品知识", org.backend.pk): (2, 0, 1, Decimal(3000), Decimal(1000), Decimal(2000)),
        ("", org.backend.pk): (0, 1, 1, Decimal(0), Decimal(0), Decimal(0)),
    }


@pytest.mark.django_db
def test_company_wide_hr_reads_every_department_and_hr_out_of_scope_only_theirs(org):
    build(org)
    company = UserFactory(username="company_hr")
    HRAssignment.objects.create(user=company, department=org.company)
    everything = table(company)
    assert everything[("产品知识", org.sales.pk)] == (1, 0, 0, Decimal(0), Decimal(0), Decimal(0))
    assert everything[("产品知识", org.backend.pk)][0] == 2
    assert set(table(org.user("hr_out_of_scope"))) == {("产品知识", org.sales.pk)}
    assert table(org.user("employee")) == {}  # nobody's rights reach their own record


@pytest.mark.django_db
def test_the_roll_up_costs_the_same_queries_for_three_times_the_people(org):
    build(org)
    company = UserFactory(username="company_hr")
    HRAssignment.objects.create(user=company, department=org.company)

    def cost() -> int:
        with CaptureQueriesContext(connection) as queries:
            needs(company)
        return len(queries)

    cost()  # the viewer's rights read once, then kept
    before = cost()
    for n in range(6):
        person = EmployeeFactory(department=org.sales if n % 2 else org.backend, manager=org.manager)
        plan = PlanFactory(employee=person, owner=org.user("manager"), status="active", kind="development")
        GoalFactory(plan=plan, indicator=None)
        SupportFactory(plan=plan, kind="budget", amount=100)
    assert cost() == before


@pytest.mark.django_db
def test_the_page_the_people_and_the_file_show_the_same_lines(org, client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    build(org)
    manager = client_for("manager")
    page = manager.get("/training/", headers={"accept-language": "zh-hans"}).content.decode()
    assert "培训需求" in page and "产品知识" in page and "3,000" in page.replace("3000", "3,000")
    who = manager.get(
        "/training/people/", {"topic": "产品知识", "department": org.backend.pk}
    ).content.decode()
    assert "刘洋" in who and "李组长" in who and "周销售" not in who
    asked = manager.get("/training/people/", {"topic": "", "department": org.backend.pk}).content.decode()
    assert "刘洋" in asked  # asked for training in the conversation
    sheet = load_workbook(BytesIO(manager.get("/training/needs.xlsx").content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:5] == ("产品知识", "后端组", 2, 0, 1) and len(rows) == 3
    assert client_for("employee").get("/training/").status_code == 403


@pytest.mark.django_db
def test_the_api_reads_the_same_lines_and_people(org, api_client):  # noqa: F811
    from tests.api.conftest import send

    build(org)
    manager = api_client("manager")
    status, listed = send(manager, "get", "/api/v1/training/needs")
    first = listed["items"][0]
    assert (
        status == 200 and listed["count"] == 2 and first["topic"] == "产品知识" and first["skills_gaps"] == 2
    )
    assert (Decimal(first["committed"]), Decimal(first["spent"]), Decimal(first["open"])) == (
        3000,
        1000,
        2000,
    )
    status, people = send(
        manager,
        "get",
        f"/api/v1/training/needs/people?topic=%E4%BA%A7%E5%93%81%E7%9F%A5%E8%AF%86&department={org.backend.pk}",
    )
    assert status == 200 and sorted(p["name"] for p in people["items"]) == ["刘洋", "李组长"]
    assert send(api_client("employee"), "get", "/api/v1/training/needs")[0] == 403


@pytest.mark.django_db(transaction=True)
def test_the_kept_lines_follow_every_write_they_count(org):
    from perfloop.training.needs import kept

    knowledge = build(org)
    company = UserFactory(username="company_hr")
    HRAssignment.objects.create(user=company, department=org.company)
    before = {(n.topic, n.department_id): n.skills_gaps for n in kept(company)}
    assert kept(company) is kept(company)  # read from memory while nothing changed
    result = ResultFactory(cycle=ReviewCycleFactory(status="feedback"), employee=org.lead)
    RootCauseFactory(result=result, indicator=knowledge, by=org.user("manager"))  # the same person again
    RootCauseFactory(
        result=ResultFactory(employee=org.manager), indicator=knowledge, by=org.user("hr_in_scope")
    )
    after = {(n.topic, n.department_id): n.skills_gaps for n in kept(company)}
    assert before[("产品知识", org.backend.pk)] == after[("产品知识", org.backend.pk)] == 2
    assert after[("产品知识", org.rd.pk)] == 1 and ("产品知识", org.rd.pk) not in before
