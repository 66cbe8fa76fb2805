"""Trends over three cycles with a person who moved department, HR's comparison of departments
with its heat map, and the reports over the API."""

import datetime as dt

import pytest

from perfloop.insights.team import compare, scope, trends
from perfloop.org.services import rebuild_paths
from perfloop.reviews.models import ReviewCycle
from tests.feedback.factories import FeedbackRecordFactory
from tests.org.factories import EmployeeFactory
from tests.reviews.factories import ResultFactory, ReviewCycleFactory, ScoredIndicatorFactory


@pytest.fixture
def three(org):
    """Q1–Q3 of 2026 in 后端组 (five people) and 销售部 (five people); 甲 moved from 后端组 to
    销售部 after Q2 was scored. 跨部门协作 falls short for 3, 2, then 1 of 后端组's five."""
    cycles = [
        ReviewCycleFactory(name=f"2026年Q{q}", start_date=dt.date(2026, 3 * q - 2, 1),
                           end_date=dt.date(2026, 3 * q, 28), status="closed")
        for q in (1, 2, 3)
    ]  # fmt: skip
    backend = [EmployeeFactory(department=org.backend, manager=org.lead) for _ in range(5)]
    sales = [EmployeeFactory(department=org.sales, manager=org.other_manager) for _ in range(5)]
    moved = backend[0]
    for i, cycle in enumerate(cycles):
        for n, person in enumerate(backend):
            department = org.sales if person == moved and i == 2 else org.backend
            result = ResultFactory(cycle=cycle, employee=person, department=department, composite=70 + 5 * i,
                                   band="satisfactory", computed_band="satisfactory")  # fmt: skip
            ScoredIndicatorFactory(result=result, name="跨部门协作", short=n < 3 - i)
            if n < 4:
                FeedbackRecordFactory(result=result, status="held")
        for person in sales:
            ResultFactory(
                cycle=cycle, employee=person, composite=90, band="excellent", computed_band="excellent"
            )
    moved.department = org.sales
    moved.save()
    rebuild_paths()
    return cycles, moved


def test_trends_take_each_department_as_it_was_when_the_cycle_was_scored(org, three):
    cycles, _moved = three
    hr = org.user("hr_in_scope")
    found = trends.trends(hr, scope.scope_for(hr, org.backend.pk), cycles)
    assert [(r["cycle"].name, r["size"]) for r in found["rows"]] == [
        ("2026年Q1", 5),
        ("2026年Q2", 5),
        ("2026年Q3", 4),
    ]
    assert [r["mean"] for r in found["rows"]] == [70.0, 75.0, 80.0]
    assert [r["held"] for r in found["rows"]] == [80.0, 80.0, 75.0]  # in Q3 甲's held record counts in 销售部
    # Q3: the one falling short is 甲, counted in 销售部 where he was scored
    assert found["indicators"] == [{"name": "跨部门协作", "shares": [60.0, 40.0, 0.0]}]
    assert trends.last_cycles(ReviewCycle.objects.all(), cycles[2], 2) == cycles[1:]


def test_a_manager_sees_no_figure_of_a_cycle_with_fewer_than_five(org, three):
    cycles, _moved = three
    manager = org.user("manager")
    rows = trends.trends(manager, scope.scope_for(manager, org.backend.pk), cycles)["rows"]
    assert [(r["hidden"], r["mean"]) for r in rows] == [("", 70.0), ("", 75.0), (scope.SMALL, None)]


def test_hr_compares_departments_and_sorts_them(org, three):
    cycles, _moved = three
    ceo_hr = org.user("hr_in_scope")
    from perfloop.access.models import HRAssignment

    HRAssignment.objects.create(user=ceo_hr, department=org.company)
    ceo_hr = type(ceo_hr).objects.get(pk=ceo_hr.pk)
    found = compare.compare(ceo_hr, org.company, cycles[2], "-mean")
    assert [(r["name"], r["size"], r["mean"]) for r in found["rows"]] == [
        ("销售部", 6, 88.3),
        ("研发中心", 4, 80.0),
    ]
    assert found["indicators"] == ["跨部门协作"]
    assert found["cells"] == [[0, 0, 100.0], [1, 0, 0.0]]  # 甲 alone was scored on it in 销售部


@pytest.mark.parametrize("role", ["hr_in_scope", "manager"])
def test_the_reports_over_the_api(org, three, api_client, role):
    cycles, _moved = three
    client = api_client(role)
    answer = client.get(f"/api/v1/reports/team?department={org.backend.pk}&cycle={cycles[1].pk}")
    assert answer.status_code == 200
    assert answer.json()["size"] == 5 and answer.json()["common_problems"][0]["name"] == "跨部门协作"
    answer = client.get(f"/api/v1/reports/trends?department={org.backend.pk}&cycle={cycles[2].pk}&cycles=3")
    assert [c["size"] for c in answer.json()["cycles"]] == [5, 5, 4]
    answer = client.get(f"/api/v1/reports/departments?department={org.rd.pk}&cycle={cycles[0].pk}")
    assert answer.status_code == (200 if role == "hr_in_scope" else 403)
    assert client.get(f"/api/v1/reports/team?department={org.sales.pk}").status_code == 404
    assert client.get("/api/v1/reports/team?department=0").status_code == 422
    assert client.get("/api/v1/reports/trends?cycles=99").status_code == 422


def test_reports_refuse_employees_over_the_api(org, api_client):
    assert api_client("employee").get("/api/v1/reports/team").status_code == 403


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_trend_and_comparison_pages(org, three, browser_like, language):
    cycles, _moved = three
    client = browser_like("hr_in_scope", language)
    page = client.get(f"/insights/team/trends/?department={org.backend.pk}&cycle={cycles[2].pk}&cycles=3")
    assert page.status_code == 200 and page.content.decode().count("data-cycle=") == 3
    page = client.get(f"/insights/departments/?department={org.rd.pk}&cycle={cycles[2].pk}&sort=-size")
    html = page.content.decode()
    assert page.status_code == 200 and 'data-department="后端组"' in html and 'data-testid="heat-map"' in html
    assert client.get(f"/insights/departments/?department={org.sales.pk}").status_code == 400
