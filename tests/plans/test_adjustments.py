"""Changes to an active plan 计划调整: a reason is asked, who, when and the old values are kept and
shown; a goal's new target or deadline asks the employee to acknowledge again."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from perfloop.plans import editing, lifecycle
from perfloop.plans.models import Adjustment, Plan
from tests.api.conftest import send
from tests.plans.conftest import END, ready

pytestmark = pytest.mark.django_db


@pytest.fixture
def active(plan, org):
    plan = ready(plan, org)
    lifecycle.acknowledge(plan=plan, by=org.user("employee"))
    return Plan.objects.get(pk=plan.pk)


def test_a_draft_changes_freely_and_keeps_no_history(plan, org):
    goal = plan.goals.first()
    editing.update_goal(goal=goal, by=org.user("manager"), target="90")
    assert not Adjustment.objects.exists()


def test_an_active_plan_asks_why_and_keeps_the_old_values(active, org):
    manager = org.user("manager")
    goal = active.goals.first()
    before = (str(goal.target), goal.deadline.isoformat())
    with translation.override("zh-hans"), pytest.raises(ValidationError, match="请说明调整原因"):
        editing.update_goal(goal=goal, by=manager, target="90")
    goal.refresh_from_db()
    assert str(goal.target) == before[0]  # nothing changed

    sooner = END - dt.timedelta(days=7)
    editing.update_goal(
        goal=goal, by=manager, target="90", deadline=sooner, means=goal.means, reason="提前验收"
    )
    editing.add_action(plan=active, by=manager, text="每周复盘一次", reason="补充行动")
    action = active.actions.get(text="每周复盘一次")
    editing.remove_item(item=action, by=manager, reason="与周会重复")
    editing.update(plan=active, by=manager, title="产品知识提升（调整）", reason="改名")
    changes = list(Adjustment.objects.filter(plan=active).order_by("pk"))
    assert [(a.what, a.change, a.reason, a.needs_ack) for a in changes] == [
        ("goal", "changed", "提前验收", True),
        ("action", "added", "补充行动", False),
        ("action", "removed", "与周会重复", False),
        ("plan", "changed", "改名", False),
    ]
    assert changes[0].old == {"target": before[0], "deadline": before[1]}  # only what changed
    assert changes[0].new == {"target": "90.00", "deadline": sooner.isoformat()}
    assert changes[0].by == manager and changes[2].old["text"] == "每周复盘一次"
    assert list(changes[3].old) == ["title"] and changes[3].new == {"title": "产品知识提升（调整）"}


def test_the_employee_acknowledges_a_changed_target(active, org, api_client, browser_like):
    goal = active.goals.first()
    manager, employee = api_client("manager"), api_client("employee")
    url = f"/api/v1/plans/{active.pk}"
    status, body = send(manager, "patch", f"{url}/goals/{goal.pk}", {"target": 95})
    assert status == 400 and "调整原因" in body["detail"]
    status, body = send(manager, "patch", f"{url}/goals/{goal.pk}", {"target": 95, "reason": "目标上调"})
    assert status == 200 and body["changes_to_acknowledge"] == 1
    assert body["adjustments"][0]["old"]["target"] != "95.00" and body["adjustments"][0]["new"] == {
        "target": "95.00"
    }
    assert send(manager, "post", f"{url}/adjustments/acknowledge")[0] == 403

    page = reverse("plans:plan", args=[active.pk])
    html = browser_like("employee", "zh-hans").get(page).content.decode()
    assert (
        'data-testid="changes-to-acknowledge"' in html
        and "目标上调" in html
        and 'data-testid="history"' in html
    )
    status, body = send(employee, "post", f"{url}/adjustments/acknowledge")
    assert status == 200 and body["changes_to_acknowledge"] == 0 and body["adjustments"][0]["acknowledged_at"]
    assert send(employee, "post", f"{url}/adjustments/acknowledge")[0] == 409

    # On the page: the reason field is asked for, and a removal says why too.
    client = browser_like("manager", "en")
    response = client.submit(page, reverse("plans:goal_remove", args=[active.pk, goal.pk]), {})
    assert active.goals.filter(pk=goal.pk).exists()
    response = client.submit(
        page, reverse("plans:goal_remove", args=[active.pk, goal.pk]), {"reason": "合并"}
    )
    assert response.status_code == 302 and not active.goals.filter(pk=goal.pk).exists()
    html = client.get(page).content.decode()
    assert "Removed" in html and "合并" in html and "waiting for the employee" in html
