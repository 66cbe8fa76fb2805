"""The whole loop in a real browser, in Chinese and in English, on the demo company: a result and a
feedback record with a request → the manager's plan, acknowledged by the employee → two check-ins,
one with a deviation and its corrective action → closure with the suggested result and an outcome →
a lesson, found again by a two-character search → HR's outcome list and check → the employee
acknowledges the result and outcome. Screenshots of each step in test-results/."""

import pytest
from playwright.sync_api import expect

from perfloop.insights.models import Lesson
from perfloop.plans.models import Plan
from perfloop.plans.tracking.models import Closure
from tests.e2e.conftest import sign_in

WORDS = {
    "zh-CN": {"login": "登录", "logout": "退出", "new": "新建计划", "create": "创建草稿", "active": "执行中",
              "closing": "收尾中", "closed": "已结束", "raise": "调薪候选"},
    "en-US": {"login": "Log in", "logout": "Log out", "new": "New plan", "create": "Create the draft",
              "active": "Active", "closing": "Closing", "closed": "Closed", "raise": "Raise candidate"},
}  # fmt: skip


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_whole_loop(demo_with_request, live_server, localized_page, output_path, locale):
    demo = demo_with_request
    words = WORDS[locale]
    page = localized_page
    base = live_server.url
    shot = f"{output_path}/loop-{locale}"

    # The manager drafts the plan from the result and the record, and sends it.
    sign_in(page, base, "manager", words)
    page.goto(f"{base}/plans/")
    form = page.get_by_test_id("new-plan")
    form.locator("input[name=employee]").fill(demo.employee_no)
    form.get_by_role("button", name=words["new"]).click()
    page.get_by_test_id("new-plan-form").get_by_role("button", name=words["create"]).click()
    expect(page.get_by_test_id("support")).to_contain_text("产品知识培训")
    plan = Plan.objects.exclude(cycle__status="closed").get(employee=demo)  # not a closed quarter's
    page.get_by_test_id("submit-plan").click()
    expect(page.get_by_test_id("awaiting")).to_be_visible()
    page.get_by_role("button", name=words["logout"]).click()

    sign_in(page, base, "employee", words)
    page.goto(f"{base}/plans/{plan.pk}/")
    page.get_by_test_id("acknowledge").click()
    expect(page.get_by_test_id("plan-status")).to_have_text(words["active"])
    page.get_by_role("button", name=words["logout"]).click()

    # Two check-ins: a deviation with its corrective action, then a recognition.
    goals = list(plan.goals.all())
    first = goals[0]
    sign_in(page, base, "manager", words)
    for notes in (
        {
            "deviations": "学习时间被项目占用",
            "corrections": "调整学习时间到周末, 增加碎片化学习",
            "value": first.baseline,
        },
        {"recognition": "这周你主动同步了跨部门项目信息", "value": first.target},
    ):
        page.goto(f"{base}/plans/{plan.pk}/")
        page.get_by_test_id("record-checkin").click()
        checkin = page.get_by_test_id("checkin-form")
        for goal in goals:
            value = notes["value"] if goal.pk == first.pk else goal.target
            checkin.locator(f"input[name=reading_{goal.pk}]").fill(str(value))
        for name in ("deviations", "corrections", "recognition"):
            if name in notes:
                checkin.locator(f"textarea[name={name}]").fill(notes[name])
        checkin.locator("button[type=submit]").click()
        expect(page.get_by_test_id("checkins")).to_contain_text(
            notes.get("corrections") or notes["recognition"]
        )
    expect(page.locator("[data-testid=goal-chart][data-rendered=true]").first).to_be_visible()
    page.screenshot(path=f"{shot}-1-follow-up.png", full_page=True)

    # Closure: every goal at its target, so "met" is suggested and kept; then the outcome.
    page.get_by_test_id("close-plan").click()
    close = page.get_by_test_id("close-form")
    expect(close.locator("select[name=result]")).to_have_value("met")
    page.screenshot(path=f"{shot}-2-close.png", full_page=True)
    close.locator("button[type=submit]").click()
    expect(page.get_by_test_id("plan-status")).to_have_text(words["closing"])
    outcome = page.get_by_test_id("outcome-form")
    outcome.locator("select[name=outcome]").select_option("raise_candidate")
    outcome.locator("textarea[name=reason]").fill("目标全部达成")
    outcome.locator("button[type=submit]").click()
    expect(page.get_by_test_id("closure-outcome")).to_have_text(words["raise"])
    expect(page.get_by_test_id("plan-status")).to_have_text(words["closed"])

    # A lesson from it, found again by two characters.
    page.get_by_test_id("write-lesson").click()
    lesson = page.get_by_test_id("lesson-form")
    lesson.locator("input[name=title]").fill("产品知识专项学习与跨部门协作")
    lesson.locator("textarea[name=done]").fill("每周2次专项学习，每周一与产品部对齐")
    lesson.locator("select[name=sharing]").select_option("company")
    lesson.locator("button[type=submit]").click()
    page.goto(f"{base}/insights/lessons/?q=协作")
    expect(page.get_by_test_id("lessons")).to_contain_text("产品知识专项学习与跨部门协作")
    page.screenshot(path=f"{shot}-3-lesson.png", full_page=True)
    page.get_by_role("button", name=words["logout"]).click()

    # HR: the outcome list for the cycle, the XLSX, and the check.
    sign_in(page, base, "hr", words)
    page.goto(f"{base}/insights/outcomes/?cycle={plan.cycle_id}&group=raise_candidate")
    expect(page.get_by_test_id("outcomes")).to_contain_text(demo.name)
    xlsx = page.request.get(f"{base}/insights/outcomes/?cycle={plan.cycle_id}&format=xlsx")
    assert xlsx.ok and xlsx.body()[:2] == b"PK"
    page.screenshot(path=f"{shot}-4-outcomes.png", full_page=True)
    page.goto(f"{base}/plans/{plan.pk}/")
    page.get_by_test_id("check-outcome").click()
    expect(page.get_by_test_id("check-outcome")).to_have_count(0)
    page.get_by_role("button", name=words["logout"]).click()

    sign_in(page, base, "employee", words)
    page.goto(f"{base}/plans/{plan.pk}/")
    expect(page.get_by_test_id("closure-result")).to_have_attribute("data-result", "met")
    page.get_by_test_id("acknowledge-closure").click()
    expect(page.get_by_test_id("acknowledge-closure")).to_have_count(0)
    page.screenshot(path=f"{shot}-5-employee.png", full_page=True)
    closure = Closure.objects.get(plan=plan)
    assert closure.checked_at and closure.acknowledged_at and closure.outcome == "raise_candidate"
    assert Lesson.objects.filter(plan=plan, sharing="company").exists()
