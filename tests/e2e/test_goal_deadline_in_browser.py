"""A goal's deadline outside the plan is said before the goal is saved, in the reader's date style:
"2个月内" counts from the plan's start and here lands a day after its end."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from perfloop.org.models import Employee
from tests.e2e.conftest import log_in
from tests.plans.factories import PlanFactory


@pytest.mark.parametrize("locale", ["zh-CN"])
def test_a_deadline_after_the_plan_is_said_before_saving(demo, live_server, localized_page, locale):
    employee = Employee.objects.select_related("manager__user").get(user__username="employee")
    plan = PlanFactory(
        employee=employee, owner=employee.manager.user, title="返工改进",
        start_date=dt.date(2027, 1, 4), end_date=dt.date(2027, 3, 3),
    )  # fmt: skip
    page = localized_page
    log_in(page, live_server.url, employee.manager.user.username)
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    form = page.get_by_test_id("goal-form")
    form.locator("xpath=ancestor::details").first.evaluate("d => d.open = true")
    form.locator("[name=sentence]").fill("2个月内使需求返工次数从每月5次降低至每月1次")
    form.get_by_test_id("parse").click()
    expect(form.locator("[name=deadline]")).to_have_value("2027-03-04")
    note = form.locator("[data-deadline-note]")
    expect(note).to_have_text("晚于计划结束日（2027年3月3日）。")
    form.locator("[name=deadline]").fill("2027-03-01")
    expect(note).to_be_hidden()
