"""The cycle team view: 50 people a page, searched, filtered and ordered in the database."""

import re

import pytest

from perfloop.org.services import rebuild_paths
from perfloop.reviews.models import Result
from perfloop.reviews.services import score_cycle
from tests.org.factories import DepartmentFactory, EmployeeFactory, PositionFactory
from tests.reviews.factories import IndicatorFactory, KpiActualFactory, ReviewCycleFactory


@pytest.fixture
def team(org):
    """60 people under 研发中心 (HR in scope's department): 平台组 50, 数据组 10; scores 40–99,
    one without a value (incomplete)."""
    platform = DepartmentFactory(name="平台组", parent=org.rd)
    data = DepartmentFactory(name="数据组", parent=org.rd)
    rebuild_paths()
    position = PositionFactory(name="平台工程师")
    kpi = IndicatorFactory(name="交付量")
    kpi.template.departments.add(platform, data)
    cycle = ReviewCycleFactory()
    for i in range(60):
        person = EmployeeFactory(
            employee_no=f"P{i:03d}",
            name=f"测试{chr(0x4E00 + 59 - i)}",  # names in the reverse order of the numbers
            department=platform if i < 50 else data,
            position=position,
            manager=org.manager,
        )
        if i != 7:
            KpiActualFactory(cycle=cycle, employee=person, indicator=kpi, actual=40 + i)
    rebuild_paths()
    score_cycle(cycle=cycle)
    return cycle, data


def rows(response) -> list[str]:
    """The employee numbers of the table's rows, in order (each row links its result)."""
    table = response.content.decode().split('data-testid="team-results"')[1].split("</table>")[0]
    names = re.findall(r"/reviews/results/(\d+)/", table)
    numbers = dict(Result.objects.filter(pk__in=names).values_list("pk", "employee__employee_no"))
    return [numbers[int(pk)] for pk in names]


@pytest.mark.django_db
def test_team_view_pages_by_50_highest_composite_first(team, client_for):
    cycle, _data = team
    client = client_for("hr_in_scope")
    url = f"/reviews/cycles/{cycle.pk}/team/"
    first = rows(client.get(url))
    assert len(first) == 50 and first[:2] == ["P059", "P058"]
    rest = rows(client.get(url, {"page": 2}))
    assert len(rest) == 10 and "P007" in rest[-1:]  # no composite: last
    assert set(first).isdisjoint(rest)


@pytest.mark.django_db
def test_team_view_sorts_filters_and_searches(team, client_for):
    cycle, data = team
    client = client_for("hr_in_scope")
    url = f"/reviews/cycles/{cycle.pk}/team/"
    assert rows(client.get(url, {"sort": "name"}))[0] == "P059"  # 测试一 sorts first
    assert rows(client.get(url, {"sort": "composite"}))[0] == "P000"
    assert rows(client.get(url, {"q": "p012"})) == ["P012"]
    assert sorted(rows(client.get(url, {"department": data.pk}))) == [f"P{i:03d}" for i in range(50, 60)]
    assert rows(client.get(url, {"incomplete": "on"})) == ["P007"]
    excellent = set(
        Result.objects.filter(cycle=cycle, band="excellent").values_list("employee__employee_no", flat=True)
    )
    assert excellent and set(rows(client.get(url, {"band": "excellent"}))) == excellent
    best_first = rows(client.get(url, {"sort": "band"}))
    assert best_first[0] in excellent
    # A filter that is not valid is said and ignored; the page still answers.
    response = client.get(url, {"band": "bogus", "department": "999999"})
    assert response.status_code == 200 and len(rows(response)) == 50
    assert (
        "Some filters were not valid" in response.content.decode() or "筛选条件" in response.content.decode()
    )
