"""Career development in a real browser, in both languages. HR reads the training needs, plans a
session for the largest line and marks who attended; then opens the demo's promotion dossier
(three cycles, the manager's recommendation), approves it — the person's position changes — and
marks it communicated; the person sees the decision, not the reason. Photographed at desktop and
phone width for the docs."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from perfloop.careers.models import Dossier
from perfloop.org.models import Employee
from perfloop.training.models import Session
from tests.e2e.conftest import log_in, photograph

WORDS = {
    "zh-CN": {"plan": "安排培训", "attended": "出席", "decision": "批准", "record": "记录决定",
              "communicate": "标记为已告知本人", "approved": "批准", "title": "晋升依据"},
    "en-US": {"plan": "Plan a session", "attended": "Attended", "decision": "Approved", "record": "Record the decision",
              "communicate": "Mark as communicated to the person", "approved": "Approved", "title": "Promotion dossier"},
}  # fmt: skip


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_training_needs_a_session_and_a_promotion_decided(demo, live_server, browser, output_path, locale):
    words = WORDS[locale]
    base = live_server.url
    context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, base, "hr")
    page.goto(f"{base}/training/")
    expect(page.get_by_test_id("needs")).to_contain_text("重点工作完成率")
    photograph(page, f"{output_path}/training-needs-{locale}.png")
    page.get_by_test_id("plan-session").first.click()
    form = page.get_by_test_id("session-form")
    form.locator("[name=course]").fill("交付管理实战课")
    form.locator("[name=starts]").fill("2027-01-11")
    form.locator("[name=ends]").fill("2027-01-12")
    form.locator("[name=seats]").fill("12")
    form.locator("button[type=submit]").click()
    candidates = page.get_by_test_id("candidates").locator("input[type=checkbox]")
    expect(candidates.first).to_be_visible()
    offered = candidates.count()
    page.get_by_test_id("enrol-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("enrolled").locator("tbody tr")).to_have_count(offered)
    page.get_by_test_id("enrolled").get_by_role("button", name=words["attended"], exact=True).first.click()
    expect(page.get_by_test_id("seats")).to_contain_text("1")
    session = Session.objects.get(course="交付管理实战课")
    assert (session.enrolled, session.attended) == (offered, 1)
    photograph(page, f"{output_path}/training-session-{locale}.png")

    dossier = Dossier.objects.select_related("employee", "position").get()
    page.goto(f"{base}/careers/")
    page.get_by_test_id("dossiers").get_by_role("link", name=dossier.employee.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(words["title"])
    expect(page.get_by_test_id("section-1").locator("tbody tr")).to_have_count(3)  # three cycles
    photograph(page, f"{output_path}/dossier-{locale}.png")
    decide = page.get_by_test_id("decide-form")
    decide.locator("[name=d-decision]").select_option("approved")
    decide.locator("[name=d-effective_date]").fill(timezone.localdate().isoformat())  # takes effect at once
    decide.locator("[name=d-reason]").fill("三个周期持续优秀，团队需要第二位组长")
    decide.get_by_role("button", name=words["record"]).click()
    expect(page.get_by_test_id("decision")).to_contain_text(words["approved"])
    page.get_by_test_id("communicate-form").get_by_role("button", name=words["communicate"]).click()
    assert Employee.objects.get(pk=dossier.employee_id).position == dossier.position
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    photograph(page, f"{output_path}/dossier-phone-{locale}.png")
    context.close()

    context = browser.new_context(locale=locale, viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, base, dossier.employee.employee_no)
    page.goto(f"{base}/careers/mine/")
    expect(page.get_by_test_id("my-decisions")).to_contain_text(words["approved"])
    expect(page.get_by_test_id("my-decisions")).to_contain_text(dossier.position.name)
    expect(page.get_by_test_id("my-decisions")).not_to_contain_text("团队需要第二位组长")
    context.close()
