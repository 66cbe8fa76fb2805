"""The language coach wherever feedback is written, in a real browser and both languages: a
check-in's recognition and notes, the reason of a closure, a closed plan's outcome reason (the
manager) and a comment on the plan (the employee). A finding shows under the box as it is typed; a sentence with its fact shows
none; a warning never blocks saving."""

import pytest
from playwright.sync_api import expect

from perfloop.plans.models import Plan
from perfloop.plans.tracking.models import CheckIn
from tests.e2e.conftest import log_in

TEXTS = {
    "zh-CN": {"vague": "做得很好，继续保持。", "fact": "周三的版本发布你提前两天完成了测试，团队因此修复了7个缺陷。",
              "absolute": "你总是拖到最后一天。", "comment": "你从来不听我的意见。"},
    "en-US": {"vague": "Great job, keep it up.", "fact": "You finished testing two days early for Wednesday's release, so the team fixed 7 defects.",
              "absolute": "You always leave it to the last day.", "comment": "You never listen to my ideas."},
}  # fmt: skip


def coach_under(form, name):
    return form.locator(f"[name={name}] + .coach")


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_the_coach_on_check_ins_outcomes_and_comments(demo, live_server, browser, locale):
    texts = TEXTS[locale]
    base = live_server.url
    active = (
        Plan.objects.select_related("employee")
        .filter(status="active", owner__username="manager", employee__isnull=False)
        .first()
    )
    closing = Plan.objects.filter(status="closing", owner__username="manager", closure__isnull=False).first()
    context = browser.new_context(locale=locale, viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, base, "manager")

    page.goto(f"{base}/followup/plans/{active.pk}/checkins/")
    form = page.get_by_test_id("checkin-form")
    form.locator("[name=recognition]").fill(texts["vague"])
    expect(coach_under(form, "recognition").locator("[data-rule=vague]")).to_be_visible()
    with page.expect_response("**/feedback/coach/"):  # typed: the coach is asked, and answers
        form.locator("[name=notes]").fill(texts["fact"])
    expect(coach_under(form, "notes").locator(".coach-finding")).to_have_count(0)
    before = CheckIn.objects.filter(plan=active).count()
    form.locator("button[type=submit]").click()  # a warning, never a block
    page.wait_for_url(f"**/plans/{active.pk}/")
    assert CheckIn.objects.filter(plan=active).count() == before + 1

    page.goto(f"{base}/followup/plans/{active.pk}/close/")  # a result other than the suggestion asks why
    close = page.get_by_test_id("close-form")
    suggested = close.locator("[name=result]").input_value()
    close.locator("[name=result]").select_option(
        next(r for r in ("met", "partly_met", "not_met") if r != suggested)
    )
    close.locator("[name=reason]").fill(texts["vague"])
    expect(coach_under(close, "reason").locator("[data-rule=vague]")).to_be_visible()

    page.goto(f"{base}/plans/{closing.pk}/")
    outcome = page.get_by_test_id("outcome-form")
    outcome.locator("[name=reason]").fill(texts["absolute"])
    expect(coach_under(outcome, "reason").locator("[data-rule=absolute]")).to_be_visible()
    context.close()

    context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, base, active.employee.employee_no)
    page.goto(f"{base}/plans/{active.pk}/")
    comment = page.get_by_test_id("comment-form")
    comment.locator("[name=text]").fill(texts["comment"])
    expect(coach_under(comment, "text").locator("[data-rule=absolute]")).to_be_visible()
    context.close()
