"""The notification rules, the group robots and the delivery log over the API, as scripts and
browsers call it (CSRF enforced; a bearer token or a session)."""

import pytest

from perfloop.notify.models import ChatRobot, EventRule
from perfloop.notify.registry import EVENT_TYPES
from tests.api.conftest import send
from tests.notify.chat_services import KEY, ChatServices
from tests.notify.factories import DeliveryFactory, NotificationFactory

pytestmark = pytest.mark.django_db
RULES = "/api/v1/notification-rules"
ROBOTS = "/api/v1/robots"


def test_rules_read_by_hr_changed_by_administrators(org, api_client):
    admin, hr = api_client("admin"), api_client("hr_in_scope")
    status, rules = send(hr, "get", RULES)
    assert status == 200 and [r["event"] for r in rules] == list(EVENT_TYPES)  # every app's, as declared
    assert "plans.submitted" in EVENT_TYPES and not any(r["changed"] for r in rules)
    ending = next(r for r in rules if r["event"] == "plans.ending")
    assert (ending["who"], ending["channels"], ending["days"]) == (
        ["employee", "manager"],
        ["email"],
        7,
    )

    change = {"rules": [
        {"event": "plans.ending", "who": ["employee", "manager"], "channels": ["email"], "days": 14},
        {"event": "feedback.held", "who": ["hr"], "channels": [], "days": 5},  # days: not this event's
    ]}  # fmt: skip
    assert send(hr, "patch", RULES, change)[0] == 403  # HR of one department reads, does not change
    assert not EventRule.objects.exists()
    status, rules = send(admin, "patch", RULES, change)
    assert status == 200 and {r["event"] for r in rules if r["changed"]} == {"plans.ending", "feedback.held"}
    assert EventRule.objects.get(event="plans.ending").days == 14
    assert EventRule.objects.get(event="feedback.held").days is None

    for wrong in (
        {"rules": [{"event": "plans.ending", "who": [], "channels": [], "days": 0}]},
        {"rules": [{"event": "no.such.event", "who": [], "channels": []}]},
        {"rules": [{"event": "plans.closed", "who": ["ceo"], "channels": []}]},
        {"rules": []},
    ):
        assert send(admin, "patch", RULES, wrong)[0] == 422
    status, body = send(
        admin, "patch", RULES, {"rules": [{"event": "plans.ending", "who": [], "channels": []}]}
    )
    assert status == 400 and "60" in body["detail"]  # a plan ending needs its days before
    assert EventRule.objects.get(event="plans.ending").days == 14  # nothing changed


def test_robots_configured_tested_and_removed_by_hr_in_scope(org, api_client):
    service = ChatServices()
    try:
        hr, outsider = api_client("hr_in_scope"), api_client("hr_out_of_scope")
        robot = {"kind": "wecom", "name": "研发中心群", "webhook": f"{service.url}/wecom?key={KEY}",
                 "department_id": org.rd.pk}  # fmt: skip
        assert send(hr, "post", ROBOTS, {**robot, "department_id": None})[0] == 403  # the whole organisation
        status, body = send(hr, "post", ROBOTS, {**robot, "webhook": "https://169.254.169.254/latest"})
        assert status == 400 and "qyapi.weixin.qq.com" in body["detail"]
        status, made = send(hr, "post", ROBOTS, robot)
        assert status == 201 and made["webhook"].endswith("/wecom?…") and KEY not in str(made)
        assert send(outsider, "post", ROBOTS, robot)[0] == 403  # 研发中心 is not in their scope
        assert [r["name"] for r in send(hr, "get", ROBOTS)[1]] == ["研发中心群"]
        assert send(outsider, "get", ROBOTS)[1] == []

        assert send(outsider, "post", f"{ROBOTS}/{made['id']}/test")[0] == 404
        status, answer = send(hr, "post", f"{ROBOTS}/{made['id']}/test")
        assert status == 200 and answer["ok"] and answer["code"] == 0 and len(service.received) == 1
        assert send(outsider, "delete", f"{ROBOTS}/{made['id']}")[0] == 404
        assert send(hr, "delete", f"{ROBOTS}/{made['id']}")[0] == 204 and not ChatRobot.objects.exists()
        assert send(api_client("employee"), "get", ROBOTS)[0] == 403
    finally:
        service.close()


def test_the_delivery_log_lists_chat_deliveries_with_their_robot(org, api_client):
    robot = ChatRobot.objects.create(kind="dingtalk", name="研发中心群", webhook="https://oapi.dingtalk.com/robot/send",
                                     department=org.rd, created_by=org.user("admin"))  # fmt: skip
    note = NotificationFactory(recipient=org.user("employee"), params={"title": "计划", "name": "刘洋"})
    DeliveryFactory(notification=note, channel="chat", robot=robot, status="failed", tries=1,
                    last_error="HTTP 200, code 310000: sign not match (1 tries)")  # fmt: skip
    status, page = send(api_client("hr_in_scope"), "get", "/api/v1/deliveries?status=failed")
    assert status == 200
    (row,) = page["items"]
    assert (row["channel"], row["robot"], row["recipient"]) == ("chat", "研发中心群", "employee")
