"""The inbox in a real browser, in Chinese and in English: the manager sends a plan; the employee
sees the bell's count, opens the notification (in their language) and lands on the plan; HR sets
up a group robot, its secret never shown back, and announces plans ending two weeks ahead."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from perfloop.plans import drafting, editing, lifecycle
from tests.e2e.conftest import sign_in

WORDS = {
    "zh-CN": {"login": "登录", "logout": "退出", "sent": "您的经理发来了计划", "robots": "群机器人",
              "rules": "谁收到什么：组织的提醒规则", "saved": "已保存"},
    "en-US": {"login": "Log in", "logout": "Log out", "sent": "Your manager sent you the plan",
              "robots": "Chat robots", "rules": "Who hears what: the organisation's notification rules",
              "saved": "Saved."},
}  # fmt: skip


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_bell_the_inbox_and_the_robots(
    demo_with_request, live_server, localized_page, output_path, locale
):
    from django.contrib.auth import get_user_model

    from perfloop.accounts.models import Profile

    words = WORDS[locale]
    employee = get_user_model().objects.get(username="employee")
    Profile.objects.update_or_create(
        user=employee, defaults={"language": "zh-hans" if locale == "zh-CN" else "en"}
    )
    manager = demo_with_request.manager.user
    today = timezone.localdate()
    plan = drafting.create(
        employee=demo_with_request, by=manager, title="沟通能力提升计划", start_date=today,
        end_date=today + dt.timedelta(weeks=8),
    )  # fmt: skip
    editing.add_goal(plan=plan, by=manager, description="客户满意度从80分提升至90分", metric="客户满意度",
                      target="90", deadline=plan.end_date)  # fmt: skip
    page = localized_page
    base = live_server.url
    shot = f"{output_path}/inbox-{locale}"

    from perfloop.notify.models import Notification

    # What the conversation held before asked of the employee is read; the plan's notice is new.
    Notification.objects.filter(recipient=employee).update(read_at=timezone.now())
    lifecycle.submit(plan=plan, by=manager)  # committed: the notification is made after commit

    sign_in(page, base, "employee", words)
    bell = page.get_by_test_id("inbox-bell")
    expect(bell.get_by_test_id("unread")).to_have_text("1")
    bell.click()
    inbox = page.get_by_test_id("inbox")
    expect(inbox).to_contain_text(words["sent"])
    page.screenshot(path=f"{shot}-1-inbox.png", full_page=True)
    inbox.get_by_role("button").first.click()
    expect(page.get_by_test_id("plan-title")).to_have_text(plan.title)
    expect(page.get_by_test_id("inbox-bell").get_by_test_id("unread")).to_have_count(0)
    page.get_by_role("button", name=words["logout"]).click()

    sign_in(page, base, "hr", words)
    page.locator('[data-nav-group="settings"]').click()  # what is set up once: the Settings drop-down
    page.locator(".dropdown-menu").get_by_role("link", name=words["robots"]).click()
    expect(page.locator("h1")).to_have_text(words["robots"])
    form = page.get_by_test_id("robot-form")
    form.locator("select[name=kind]").select_option("dingtalk")
    form.locator("input[name=name]").fill("研发中心群")
    form.locator("input[name=webhook]").fill("https://oapi.dingtalk.com/robot/send?access_token=abcdef123456")
    form.locator("input[name=secret]").fill("SECverysecretvalue")
    form.locator("button[type=submit]").click()
    robots = page.get_by_test_id("robots")
    expect(robots).to_contain_text("研发中心群")
    expect(robots).not_to_contain_text("SECverysecretvalue")
    expect(robots).not_to_contain_text("abcdef123456")
    page.screenshot(path=f"{shot}-2-robots.png", full_page=True)

    page.get_by_role("link", name=words["rules"]).click()
    rules = page.get_by_test_id("rules")
    rules.locator('[data-event="plans.ending"] input[type=number]').fill("14")
    rules.locator('[data-event="feedback.held"] input[value=hr]').check()
    page.get_by_test_id("save-rules").click()
    expect(page.locator(".alert-success")).to_contain_text(words["saved"])
    expect(page.get_by_test_id("changed")).to_have_count(2)
    expect(rules.locator('[data-event="plans.ending"] input[type=number]')).to_have_value("14")
    page.screenshot(path=f"{shot}-3-rules.png", full_page=True)
