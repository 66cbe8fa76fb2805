"""A feedback conversation in a real browser, in Chinese and in English: the manager prepares,
schedules and holds it with the guided meeting (the coach flags a sentence, the record saves as it
is typed); the employee disputes; HR resolves the appeal; the employee acknowledges."""

import re

import pytest
from playwright.sync_api import expect

from perfloop.feedback.models import FeedbackRecord
from perfloop.org.models import Employee
from tests.e2e.conftest import sign_in

WORDS = {
    "zh-CN": {
        "login": "登录",
        "prepare": "准备面谈",
        "save_pack": "保存准备内容",
        "schedule": "安排面谈",
        "meeting": "面谈引导",
        "saved": "已保存于",
        "add": "添加",
        "back": "返回记录",
        "held": "标记为已面谈",
        "disagree": "我有异议",
        "resolve": "处理申诉",
        "ack": "我已阅读并确认",
        "logout": "退出",
        "acknowledged": "已确认",
        "held_status": "已面谈",
        "absolute": "绝对化",
    },
    "en-US": {
        "login": "Log in",
        "prepare": "Prepare",
        "save_pack": "Save preparation",
        "schedule": "Schedule the meeting",
        "meeting": "Guided meeting",
        "saved": "Saved at",
        "add": "Add",
        "back": "Back to the record",
        "held": "Mark as held",
        "disagree": "I disagree",
        "resolve": "Resolve the appeal",
        "ack": "I have read the record",
        "logout": "Log out",
        "acknowledged": "Acknowledged",
        "held_status": "Held",
        "absolute": "Absolute",
    },
}


def sign_out(page, words):
    page.get_by_role("button", name=words["logout"]).click()


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_a_feedback_conversation_from_preparation_to_acknowledgement(
    demo, live_server, browser, output_path, locale
):
    words = WORDS[locale]
    context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    base = live_server.url
    employee = Employee.objects.get(user__username="employee")
    shot = f"{output_path}/feedback-{locale}"

    sign_in(page, base, "manager", words)
    page.goto(f"{base}/feedback/")
    page.locator("main a[href^='/feedback/cycles/']").first.click()
    row = page.get_by_test_id("without-record").locator("li", has_text=employee.name)
    row.get_by_role("button", name=words["prepare"]).click()
    expect(page.get_by_test_id("data-sheet")).to_be_visible()
    page.get_by_role("button", name=words["save_pack"]).click()
    page.screenshot(path=f"{shot}-1-pack.png", full_page=True)

    record = FeedbackRecord.objects.get(employee=employee, cycle__status="feedback")
    page.goto(f"{base}/feedback/{record.pk}/")
    form = page.get_by_test_id("schedule-form")
    form.locator("input[name=date]").fill("2026-12-10")
    form.locator("input[name=time]").fill("10:00")
    form.locator("input[name=place]").fill("3楼小会议室")
    form.get_by_role("button", name=words["schedule"]).click()
    expect(page.get_by_test_id("meeting-time")).to_be_visible()
    expect(page.get_by_test_id("ics-link")).to_be_visible()

    page.get_by_role("link", name=words["meeting"]).click()
    # The coach listens once htmx (a deferred script) has run: typing before the page has loaded
    # would go unheard, as it would for a person on a slow machine.
    page.wait_for_load_state("load")
    box = page.locator("textarea[name=employee_view]")
    box.fill("你总是迟交周报。")
    coach = page.locator("#coach-employee_view [data-rule=absolute]")
    expect(coach).to_contain_text(words["absolute"], timeout=15000)  # debounced, then a request
    expect(page.locator("[data-autosave-status]")).to_contain_text(words["saved"])
    page.screenshot(path=f"{shot}-2-meeting.png", full_page=True)
    page.locator("textarea[name=strengths]").fill("Q3项目提前3天交付，客户满意度95分。")
    box.fill("10月12日的周报晚交两天，导致部门汇总推迟；我同意下月按时提交。")
    expect(page.locator("#coach-employee_view [data-rule]")).to_have_count(0)
    expect(page.locator("[data-autosave-status]")).to_contain_text(words["saved"])
    request = page.get_by_test_id("request-form")
    request.locator("select[name=kind]").select_option("training")
    request.locator("input[name=text]").fill("产品知识培训")
    request.get_by_role("button", name=words["add"]).click()
    expect(page.get_by_test_id("requests")).to_contain_text("产品知识培训")
    page.reload()  # what was typed was saved as it was typed
    expect(page.locator("textarea[name=employee_view]")).to_have_value(re.compile("按时提交"))
    page.get_by_role("link", name=words["back"]).click()
    page.get_by_test_id("held-form").get_by_role("button", name=words["held"]).click()
    expect(page.get_by_test_id("record-status")).to_have_text(words["held_status"])
    sign_out(page, words)

    sign_in(page, base, "employee", words)
    page.goto(f"{base}/feedback/{record.pk}/")
    expect(page.get_by_test_id("record-texts")).to_contain_text("按时提交")
    dispute = page.get_by_test_id("dispute-form")
    dispute.locator("textarea[name=reason]").fill("产品知识评分未考虑我9月取得的认证。")
    dispute.get_by_role("button", name=words["disagree"]).click()
    expect(page.get_by_test_id("appeal")).to_be_visible()
    sign_out(page, words)

    sign_in(page, base, "hr", words)
    page.goto(f"{base}/feedback/appeals/")
    page.get_by_test_id("appeals").get_by_role("link", name=employee.name).click()
    resolve = page.get_by_test_id("resolve-form")
    resolve.locator("select[name=outcome]").select_option("upheld")
    resolve.locator("textarea[name=note]").fill("已核实：认证在考核期之后取得。")
    resolve.get_by_role("button", name=words["resolve"]).click()
    expect(page.get_by_test_id("appeal")).to_contain_text("已核实")
    sign_out(page, words)

    sign_in(page, base, "employee", words)
    page.goto(f"{base}/feedback/{record.pk}/")
    page.get_by_role("button", name=words["ack"]).click()
    expect(page.get_by_test_id("record-status")).to_have_text(words["acknowledged"])
    page.screenshot(path=f"{shot}-3-acknowledged.png", full_page=True)
    context.close()
    assert violations == [], violations
