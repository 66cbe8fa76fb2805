"""An improvement plan in a real browser, in Chinese and in English: from a result with improvement
items and a feedback record with a request, the manager drafts the plan, types one goal as a
sentence and confirms the fields the parser filled in, and sends it; the employee comments, then
acknowledges, and the plan is active."""

import pytest
from playwright.sync_api import expect

from perfloop.plans.models import Plan
from tests.e2e.conftest import sign_in
from tests.plans.smart_cases import GUIDE

WORDS = {
    "zh-CN": {
        "login": "登录",
        "logout": "退出",
        "new": "新建计划",
        "create": "创建草稿",
        "add_goal": "添加目标",
        "fill": "拆分填入各项",
        "send": "发送给员工",
        "comment": "评论",
        "ack": "我确认此计划",
        "active": "执行中",
    },
    "en-US": {
        "login": "Log in",
        "logout": "Log out",
        "new": "New plan",
        "create": "Create the draft",
        "add_goal": "Add the goal",
        "fill": "Fill in the fields",
        "send": "Send to the employee",
        "comment": "Comment",
        "ack": "I acknowledge the plan",
        "active": "Active",
    },
}


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_a_plan_from_the_sources_to_the_employees_acknowledgement(
    demo_with_request, live_server, localized_page, output_path, locale
):
    demo = demo_with_request
    words = WORDS[locale]
    page = localized_page
    base = live_server.url
    shot = f"{output_path}/plan-{locale}"

    sign_in(page, base, "manager", words)
    page.goto(f"{base}/plans/")
    form = page.get_by_test_id("new-plan")
    form.locator("input[name=employee]").fill(demo.employee_no)
    form.get_by_role("button", name=words["new"]).click()
    new = page.get_by_test_id("new-plan-form")
    expect(new).to_contain_text("产品知识培训")  # the request, with the improvement items, all checked
    page.screenshot(path=f"{shot}-1-new.png", full_page=True)
    new.get_by_role("button", name=words["create"]).click()
    expect(page.get_by_test_id("plan-title")).to_contain_text(demo.name)
    expect(page.get_by_test_id("support")).to_contain_text("产品知识培训")

    goal = page.get_by_test_id("goal-form")
    if not goal.is_visible():
        page.locator("details.card > summary").click()
    goal.locator("input[name=sentence]").fill(GUIDE["text"])
    goal.get_by_test_id("parse").click()
    expect(goal.locator("input[name=metric]")).to_have_value(GUIDE["metric"])
    expect(goal.locator("input[name=target]")).to_have_value("85")
    expect(goal.locator("[data-letter=T].text-bg-success")).to_be_visible()
    expect(goal.locator("[data-letter=M].text-bg-success")).to_be_visible()
    expect(goal.locator("[data-letter=R].text-bg-success")).to_have_count(0)  # not linked yet
    goal.locator("input[name=source]").fill("产品知识")
    expect(goal.locator("[data-letter=R].text-bg-success")).to_be_visible()
    page.screenshot(path=f"{shot}-2-goal.png", full_page=True)
    goal.get_by_test_id("add-goal").click()
    expect(page.get_by_test_id("goals")).to_contain_text(GUIDE["means"])
    page.get_by_test_id("submit-plan").click()
    expect(page.get_by_test_id("awaiting")).to_be_visible()
    page.get_by_role("button", name=words["logout"]).click()

    plan = Plan.objects.exclude(cycle__status="closed").get(employee=demo)  # not a closed quarter's
    sign_in(page, base, "employee", words)
    page.goto(f"{base}/plans/{plan.pk}/")
    comment = page.get_by_test_id("comment-form")
    comment.locator("textarea[name=text]").fill("希望每周有导师辅导。")
    comment.get_by_role("button", name=words["comment"], exact=True).click()
    expect(page.get_by_test_id("comments")).to_contain_text("导师辅导")
    page.get_by_test_id("acknowledge").click()
    expect(page.get_by_test_id("plan-status")).to_have_text(words["active"])
    page.screenshot(path=f"{shot}-3-active.png", full_page=True)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE and plan.goals.filter(means=GUIDE["means"]).exists()
