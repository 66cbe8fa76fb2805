"""What a page costs does not grow with the data: the same queries and the same rows fetched
for a department of 110 people as for one of 330 (lists are cut into pages; figures about a
department come from aggregate queries or from what scoring stored)."""

import contextlib

import pytest
from django.db import connection
from django.db.backends import utils
from django.test import Client
from django.test.utils import CaptureQueriesContext

from perfloop.api.models import ApiToken
from perfloop.org.services import rebuild_paths
from perfloop.reviews.models import Result, ReviewCycle
from perfloop.reviews.services import score_cycle
from tests.org.factories import DepartmentFactory, EmployeeFactory, PositionFactory
from tests.reviews.factories import IndicatorFactory, KpiActualFactory, ReviewCycleFactory


@contextlib.contextmanager
def rows_fetched():
    """Counts the rows every query hands back to Python, whatever asks for them."""
    fetched = [0]
    originals = {}
    for name in ("fetchone", "fetchmany", "fetchall"):

        def counting(self, *args, _name=name, **kwargs):
            rows = getattr(self.cursor, _name)(*args, **kwargs)
            fetched[0] += (1 if rows is not None else 0) if _name == "fetchone" else len(rows)
            return rows

        originals[name] = utils.CursorWrapper.__dict__.get(name)
        setattr(utils.CursorWrapper, name, counting)
    try:
        yield fetched
    finally:
        for name, original in originals.items():
            if original is None:
                delattr(utils.CursorWrapper, name)
            else:
                setattr(utils.CursorWrapper, name, original)


def scored_department(org):
    """A department 平台组 under 研发中心, a KPI for it and 后端组, and a cycle where 刘洋 has an actual."""
    department = DepartmentFactory(name="平台组", parent=org.rd)
    rebuild_paths()
    kpi = IndicatorFactory(name="交付量")
    kpi.template.departments.add(department, org.backend)
    cycle = ReviewCycleFactory()
    KpiActualFactory(cycle=cycle, employee=org.employee, indicator=kpi, actual=90)
    return department, kpi, cycle


def add_people(org, department, kpi, cycle, count, start):
    for i in range(start, start + count):
        person = EmployeeFactory(
            employee_no=f"G{i:04d}",
            name=f"同事{i}",
            department=department,
            position=PositionFactory(name="平台工程师"),
            manager=org.manager,
        )
        KpiActualFactory(cycle=cycle, employee=person, indicator=kpi, actual=40 + i % 70)
    rebuild_paths()
    ReviewCycle.objects.filter(pk=cycle.pk).update(status="open")
    score_cycle(cycle=cycle)
    ReviewCycle.objects.filter(pk=cycle.pk).update(status="feedback")


def measure(org, cycle, department) -> dict[str, tuple[int, int]]:
    """(queries, rows fetched) of each page and API list, as the role that uses it."""
    token = ApiToken.issue(org.user("hr_in_scope"))
    result = Result.objects.filter(cycle=cycle, employee__department=department).order_by("pk").first()
    own = Result.objects.get(cycle=cycle, employee=org.employee)
    pages = {
        ("employee", "/"),
        ("employee", f"/reviews/results/{own.pk}/"),
        ("manager", "/"),
        ("manager", "/org/team/"),
        ("hr_in_scope", "/"),
        ("hr_in_scope", "/org/"),
        ("hr_in_scope", f"/org/employees/{result.employee_id}/"),
        ("hr_in_scope", f"/reviews/results/{result.pk}/"),
        ("hr_in_scope", "/reviews/cycles/"),
        ("hr_in_scope", f"/reviews/cycles/{cycle.pk}/"),
        ("hr_in_scope", f"/reviews/cycles/{cycle.pk}/team/"),
        ("hr_in_scope", "/imports/"),
        ("token", "/api/v1/employees"),
        ("token", f"/api/v1/cycles/{cycle.pk}/results"),
        ("token", f"/api/v1/results/{result.pk}"),
    }
    return costs_of(
        org,
        pages,
        token,
        lambda url: url.replace(str(result.pk), "<result>").replace(str(result.employee_id), "<person>"),
    )


def costs_of(org, pages, token, name) -> dict[str, tuple[int, int]]:
    """(queries, rows fetched) of each (role, url) on its second request; "token" is the API as HR."""
    costs = {}
    for role, url in sorted(pages):
        client = Client(headers={"authorization": f"Bearer {token}"}) if role == "token" else Client()
        if role != "token":
            client.force_login(org.user(role))
        assert client.get(url).status_code == 200, (role, url)
        with CaptureQueriesContext(connection) as queries, rows_fetched() as fetched:
            assert client.get(url).status_code == 200
        costs[role, name(url)] = (len(queries), fetched[0])
    return costs


@pytest.mark.django_db
def test_pages_cost_the_same_for_110_and_330_people(org):
    department, kpi, cycle = scored_department(org)
    # Both sizes fill more than one page of every list (the API's pages hold 100).
    add_people(org, department, kpi, cycle, 110, 0)
    small = measure(org, cycle, department)
    add_people(org, department, kpi, cycle, 220, 110)
    large = measure(org, cycle, department)
    grown = {page: (small[page], large.get(page)) for page in small if large.get(page) != small[page]}
    assert not grown, grown
