"""Group robots carry nothing about one person unless the organisation turned it on after reading
what the group would see; the delivery log shows a notification's content only to HR of its
recipient (保证私密性，避免公开批评)."""

import re

import pytest
from django.urls import reverse

from perfloop.notify import audience, registry
from perfloop.notify.models import ChatRobot, Delivery, EventRule, Notification
from perfloop.notify.reminders import send_reminders
from tests.api.conftest import send
from tests.notify.factories import DeliveryFactory, NotificationFactory
from tests.plans.conftest import ready

pytestmark = pytest.mark.django_db
PAGE = reverse("notify:rules")


@pytest.fixture
def robots(org):
    """A robot for 研发中心's group and one for the whole company."""
    return [
        ChatRobot.objects.create(
            kind="dingtalk",
            name=name,
            webhook="https://oapi.dingtalk.com/robot/send",
            department=department,
            created_by=org.user("admin"),
        )  # fmt: skip
        for name, department in (("研发中心群", org.rd), ("全员群", None))
    ]


def test_no_event_about_one_person_goes_to_a_group_by_default(robots, plan, org, following, settings,
                                                              django_capture_on_commit_callbacks):  # fmt: skip
    settings.PERFLOOP_SENDS_MAIL = True
    assert all(registry.Channel.CHAT not in rule.channels for rule in audience.rules().values())
    with django_capture_on_commit_callbacks(execute=True):
        ready(plan, org)  # sent to 刘洋
    with django_capture_on_commit_callbacks(execute=True):
        send_reminders()  # check-ins, milestones, commitments, plans ending of the active plan
    assert Notification.objects.exists()
    assert Delivery.objects.filter(channel="email").exists()
    assert not Delivery.objects.filter(channel="chat").exists()


def _form(to_group: str = "", confirm: bool = False) -> dict:
    data = {}
    for event, rule in audience.defaults().items():
        data[f"{event}|who"] = list(rule.who)
        data[f"{event}|channels"] = [*rule.channels, *(["chat"] if event == to_group else [])]
        if rule.days is not None:
            data[f"{event}|days"] = str(rule.days)
    return {**data, **({"confirm_groups": "yes"} if confirm else {})}


def test_sending_an_event_to_groups_asks_first_and_says_what_they_would_read(org, browser_like):
    admin = browser_like("admin", "zh-hans")
    refused = admin.submit(PAGE, PAGE, _form("feedback.disputed"))
    html = refused.content.decode()
    assert refused.status_code == 400 and not EventRule.objects.exists()
    assert 'data-testid="group-warning"' in html and "群机器人会发给群里的每个人" in html
    assert "王芳对绩效反馈记录（2023年第三季度）有异议" in html  # the sentence the group would read
    row = html.split('data-event="feedback.disputed"')[1].split("</tr>")[0]
    assert re.search(r'value="chat" aria-label="[^"]*" checked', row)  # the form as it was sent

    assert admin.submit(PAGE, PAGE, _form("feedback.disputed", confirm=True)).status_code == 302
    assert EventRule.objects.get(event="feedback.disputed").chat
    # Already on: saving the page again asks nothing more.
    assert admin.submit(PAGE, PAGE, _form("feedback.disputed")).status_code == 302


def test_the_api_refuses_an_event_to_groups_without_confirming(org, api_client):
    admin = api_client("admin")
    change = {"rules": [{"event": "plans.submitted", "who": ["employee"], "channels": ["email", "chat"]}]}
    status, answer = send(admin, "patch", "/api/v1/notification-rules", change)
    assert status == 400 and "计划已发给员工——例如：“您的经理发来了计划《提升销售转化率》" in answer["detail"]
    assert not EventRule.objects.exists()
    status, _rules = send(admin, "patch", "/api/v1/notification-rules", {**change, "confirm_groups": True})
    assert status == 200 and EventRule.objects.get(event="plans.submitted").chat


def test_rules_stored_before_keep_groups_out(org):
    """The migration turns the robot channel off in rules stored when it was the default."""
    from importlib import import_module

    from django.apps import apps

    EventRule.objects.create(event="plans.ending", employee=True, manager=True, hr=False, email=True,
                             chat=True, days=14)  # fmt: skip
    import_module("perfloop.notify.migrations.0006_personal_events_off_groups").off_groups(apps, None)
    assert not EventRule.objects.get().chat


def test_the_delivery_log_shows_what_a_notification_says_only_to_hr_of_its_recipient(org, api_client,
                                                                                      browser_like):  # fmt: skip
    note = NotificationFactory(recipient=org.user("employee"), event="feedback.disputed",
                               params={"name": "刘洋", "cycle": "2023年Q3"})  # fmt: skip
    DeliveryFactory(notification=note, status="failed", tries=3, last_error="451")

    status, page = send(api_client("admin"), "get", "/api/v1/deliveries")
    (row,) = page["items"]
    assert (
        status == 200
        and row["event"] == "personal"
        and "有异议" not in str(row)
        and "disputes" not in str(row)
    )
    html = browser_like("admin").get(reverse("notify:deliveries")).content.decode()
    assert "disputes" not in html and "its content is shown to their HR only" in html

    (row,) = send(api_client("hr_in_scope"), "get", "/api/v1/deliveries")[1]["items"]
    assert row["event"] == "feedback.disputed" and "有异议" in row["text"]
    html = browser_like("hr_in_scope").get(reverse("notify:deliveries")).content.decode()
    assert "刘洋 disputes their feedback record" in html
