"""The round's pages cost the same for 60 people as for 180: the inbox and progress are cut into
pages in the database, progress figures come from one aggregate per section."""

import pytest
from django.test.utils import CaptureQueriesContext

from perfloop.org.services import rebuild_paths
from tests.org.factories import DepartmentFactory, EmployeeFactory
from tests.rounds.factories import ReviewFormFactory, ReviewRoundFactory
from tests.test_page_cost import rows_fetched

pytestmark = pytest.mark.django_db


def add_people(org, setup, round, department, count, start):
    for i in range(start, start + count):
        person = EmployeeFactory(
            employee_no=f"R{i:04d}", name=f"同事{i}", department=department, manager=org.manager
        )
        ReviewFormFactory(
            round=round, employee=person, reviewer=person, relation="self", template=setup.template
        )
        ReviewFormFactory(round=round, employee=person, reviewer=org.manager, relation="manager", template=setup.template,
                          status="submitted" if i % 3 else "open")  # fmt: skip
    rebuild_paths()


def measure(client_for, round, form) -> dict:
    from django.db import connection

    pages = [
        ("manager", "/rounds/inbox/"),
        ("manager", f"/rounds/forms/{form.pk}/"),
        ("manager", f"/rounds/{round.pk}/?section=person"),
        ("hr_in_scope", f"/rounds/{round.pk}/"),
        ("hr_in_scope", f"/rounds/{round.pk}/?section=reviewer"),
        ("hr_in_scope", f"/rounds/{round.pk}/?section=person"),
        ("manager", f"/rounds/{round.pk}/nominations/"),
    ]
    found = {}
    for role, url in pages:
        client = client_for(role)
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries, rows_fetched() as rows:
            client.get(url)
        found[(role, url)] = (len(queries), rows[0])
    return found


def test_pages_cost_the_same_at_three_times_the_people(org, setup, client_for):
    department = DepartmentFactory(name="平台组", parent=org.rd)
    round = ReviewRoundFactory(cycle=setup.cycle)
    add_people(org, setup, round, department, 60, 0)
    form = round.forms.filter(reviewer=org.manager).first()
    small = measure(client_for, round, form)
    add_people(org, setup, round, department, 120, 60)
    assert measure(client_for, round, form) == small
