"""The close form in a real browser: the suggestion follows the final readings as they are typed,
the result follows the suggestion, and the reason is asked for only when the manager differs."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from perfloop.org.models import Employee
from tests.e2e.conftest import log_in
from tests.plans.factories import GoalFactory, PlanFactory, SupportFactory


@pytest.mark.parametrize("locale", ["zh-CN"])
def test_the_suggestion_follows_the_readings_typed(demo, live_server, localized_page, locale):
    employee = Employee.objects.select_related("manager__user").get(user__username="employee")
    today = timezone.localdate()
    plan = PlanFactory(
        employee=employee, owner=employee.manager.user, title="结案演示", status="active",
        start_date=today - dt.timedelta(days=60), end_date=today,
    )  # fmt: skip
    GoalFactory(
        plan=plan,
        description="缺陷率降到2%",
        metric="缺陷率",
        unit="%",
        baseline=5,
        target=2,
        direction="down",
    )
    GoalFactory(plan=plan, description="测试分数85分", metric="测试分数", unit="分", baseline=60, target=85)
    SupportFactory(plan=plan, kind="budget", text="产品培训课程费用", due=today + dt.timedelta(days=5))
    page = localized_page
    log_in(page, live_server.url, employee.manager.user.username)
    page.goto(f"{live_server.url}/followup/plans/{plan.pk}/close/")
    form = page.get_by_test_id("close-form")
    suggested = page.locator("[data-suggested-label]")
    reason = page.locator("[data-reason]")
    inputs = form.locator("tr[data-goal] input")
    expect(page.get_by_test_id("close-early")).to_contain_text("产品培训")  # a commitment still open
    expect(suggested).to_have_text("未达成")
    inputs.nth(0).fill("1.5")  # reached (lower is better)
    expect(suggested).to_have_text("部分达成")
    expect(form.locator("[name=result]")).to_have_value("partly_met")
    expect(reason).to_be_hidden()
    inputs.nth(1).fill("88")
    expect(suggested).to_have_text("达成")
    expect(form.locator("[name=result]")).to_have_value("met")
    form.locator("[name=result]").select_option("partly_met")  # the manager differs: say why
    expect(reason).to_be_visible()
    expect(form.locator("[name=reason]")).to_have_attribute("required", "")
    form.locator("[name=result]").select_option("met")
    expect(reason).to_be_hidden()
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("收尾中")
