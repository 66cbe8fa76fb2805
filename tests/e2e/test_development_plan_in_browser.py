"""A development plan drafted in a real browser, in both languages: the manager opens 刘洋's
excellent result, starts a development plan from it, sees the strengths with their figures and
the career wish from the self-assessment as sources (no improvement items), aims it at a
position, and adds a rotation with its dates; photographed at desktop and phone width."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from perfloop.org.models import Position
from perfloop.reviews.models import Result, ReviewCycle
from tests.e2e.conftest import log_in, photograph
from tests.rounds.factories import ReviewFormFactory, ReviewRoundFactory

WORDS = {
    "zh-CN": {"start": "制定个人发展计划", "strength": "优势项", "wish": "职业发展意愿（自评）", "create": "创建草稿",
              "kind": "个人发展计划", "build": "发挥优势", "shortfall": "待改进项", "target": "目标岗位"},
    "en-US": {"start": "Start a development plan", "strength": "Strength", "wish": "Career wish (self-assessment)",
              "create": "Create the draft", "kind": "Development plan", "build": "Build on",
              "shortfall": "Improvement item", "target": "Target position"},
}  # fmt: skip


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_a_development_plan_from_strengths_and_a_career_wish(
    demo, live_server, localized_page, output_path, locale
):
    words = WORDS[locale]
    result = (
        Result.objects.filter(employee__employee_no="XH0009", cycle__status__in=ReviewCycle.PUBLISHED)
        .order_by("-cycle__start_date").select_related("cycle", "template").first()
    )  # fmt: skip
    assert result.band == "excellent"
    Position.objects.get_or_create(name="技术负责人")
    ReviewFormFactory(
        round=ReviewRoundFactory(cycle=result.cycle), employee=result.employee, reviewer=result.employee,
        relation="self", template=result.template, status="submitted", submitted_at=dt.datetime(2026, 9, 20, tzinfo=dt.UTC),
        requests=[{"kind": "career", "text": "希望两年内成为技术负责人"}],
    )  # fmt: skip
    page = localized_page
    log_in(page, live_server.url, "manager")
    page.goto(f"{live_server.url}/reviews/results/{result.pk}/")
    page.get_by_test_id("action-development-from-result").click()
    form = page.get_by_test_id("new-plan-form")
    expect(form.get_by_text(words["strength"], exact=True)).to_have_count(3)
    expect(form.get_by_text(words["wish"])).to_be_visible()
    expect(form.get_by_text(words["shortfall"])).to_have_count(0)
    form.locator("[name=target_position]").fill("技术负责人")
    photograph(page, f"{output_path}/development-new-{locale}.png")
    form.get_by_role("button", name=words["create"]).click()
    expect(page.get_by_test_id("plan-kind")).to_have_text(words["kind"])
    expect(page.get_by_test_id("target-position")).to_contain_text("技术负责人")
    expect(page.get_by_text(words["build"]).first).to_be_visible()
    expect(page.get_by_text("希望两年内成为技术负责人").first).to_be_visible()
    support = page.get_by_test_id("support-form")
    support.locator("xpath=ancestor::details").first.evaluate("d => d.open = true")
    support.locator("[name=kind]").select_option("rotation")
    support.locator("[name=text]").fill("到架构组轮岗一个月")
    support.locator("[name=owner_name]").fill("陈经理")
    support.locator("[name=starts]").fill("2026-12-14")
    support.locator("[name=due]").fill("2027-01-13")
    support.locator("button[type=submit]").click()
    expect(page.get_by_test_id("support")).to_contain_text("到架构组轮岗一个月")
    photograph(page, f"{output_path}/development-plan-{locale}.png")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    photograph(page, f"{output_path}/development-plan-phone-{locale}.png")
