"""The team's plan list: searched by name or pinyin, filtered by status, cycle and department,
sorted, with each active plan's on/off-track mark and names linking to the person."""

import datetime as dt

import pytest
from django.utils import timezone

from perfloop.org.services import rebuild_paths
from tests.followup.conftest import following  # noqa: F401  (刘洋's active plan, a milestone missed)
from tests.org.factories import DepartmentFactory, EmployeeFactory
from tests.plans.factories import PlanFactory

pytestmark = pytest.mark.django_db


def listed(client, **query) -> str:
    html = client.get("/plans/", query).content.decode()
    return html.split('data-testid="plans"')[1].split("</table>")[0]


def test_search_filters_sort_and_the_track_mark(org, following, client_for):  # noqa: F811
    today = timezone.localdate()
    PlanFactory(
        employee=org.lead, owner=org.user("manager"), title="带教能力", status="draft",
        start_date=today, end_date=today + dt.timedelta(days=60),
    )  # fmt: skip
    manager = client_for("manager")
    rows = listed(manager)
    assert "产品知识提升" in rows and "带教能力" in rows
    assert 'data-testid="track">偏离计划<' in rows  # the milestone missed yesterday
    assert f'href="/org/employees/{org.employee.pk}/"' in rows  # names link to the person
    assert "带教能力" not in listed(manager, q="liuyang") and "产品知识提升" in listed(manager, q="ly")
    assert "产品知识提升" not in listed(manager, status="draft")
    assert "带教能力" in listed(manager, status="draft") and "带教能力" not in listed(manager, status="sent")
    front = DepartmentFactory(name="前端组", parent=org.rd)
    EmployeeFactory(name="前端工程师", department=front, manager=org.manager)
    rebuild_paths()
    assert "带教能力" in listed(manager, department=org.backend.pk)
    assert "带教能力" not in listed(manager, department=front.pk)
    by_name = listed(manager, sort="name")
    assert by_name.index("李组长") < by_name.index("刘洋")  # 李 (li) before 刘 (liu), as the database sorts
    bad = manager.get("/plans/", {"cycle": "not-a-number", "sort": "<script>"})
    assert bad.status_code == 200 and "产品知识提升" in bad.content.decode()  # a bad filter is ignored
