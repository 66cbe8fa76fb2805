"""A round online from end to end, in both languages: the employee proposes a colleague, the manager
approves, HR reminds and follows progress, the employee writes and submits the self-assessment on a
phone, HR closes the round and scores the cycle, and the ratings count as collected online —
photographed (the reviewer's phone, HR's progress page)."""

import pytest
from playwright.sync_api import expect

from perfloop.notify.models import Notification
from perfloop.org.models import Employee
from perfloop.reviews.models import Result
from perfloop.rounds import services
from perfloop.rounds.models import Nomination, ReviewForm, ReviewRound
from tests.e2e.conftest import log_in, photograph

PHONE = {"width": 390, "height": 844}
WORDS = {
    "zh-CN": {"menu": "在线评价", "propose": "提名", "approve": "批准", "submit": "提交", "rated": "已提交",
              "absolute": "绝对化", "online": "在线收集", "remind": "提醒尚未提交评价的人", "close": "结束轮次",
              "confirm": "确认", "score": "计算结果"},
    "en-US": {"menu": "Reviews", "propose": "Propose", "approve": "Approve", "submit": "Submit",
              "rated": "Submitted", "absolute": "Absolute", "online": "Collected online",
              "remind": "Remind those with reviews to submit", "close": "Close the round", "confirm": "Confirm",
              "score": "Compute results"},
}  # fmt: skip


def colleague_to_propose(round, architect):
    """Someone in 刘洋's part of the company not yet named, with room under the reviewer's cap."""
    named = set(
        Nomination.objects.filter(round=round, employee=architect).values_list("reviewer_id", flat=True)
    )
    for person in (
        Employee.objects.filter(department__path__under=architect.department.path, status="active")
        .exclude(pk__in=[architect.pk, architect.manager_id, *named])
        .exclude(manager=architect)
        .order_by("-employee_no")
    ):
        if services.load(round, person.pk) < round.reviewer_cap - 1:
            return person
    raise AssertionError("no colleague to propose")


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_a_round_from_nomination_to_scoring(demo, live_server, browser, locale, output_path):
    words = WORDS[locale]
    base = live_server.url
    round = ReviewRound.objects.select_related("cycle").get()
    architect = Employee.objects.select_related("department").get(user__username="employee")
    colleague = colleague_to_propose(round, architect)

    # The employee proposes a colleague, found by name.
    context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, base, "employee")
    page.get_by_role("link", name=words["menu"], exact=True).click()
    page.get_by_test_id("propose").get_by_role("link").click()
    page.wait_for_url("**/nominations/")
    page.wait_for_load_state("load")  # the search listens once its script has run
    page.fill("#find", colleague.name)
    found = page.get_by_test_id("people-found").locator(f'[data-no="{colleague.employee_no}"]')
    expect(found).to_be_visible()
    found.click()
    expect(page.locator("#reviewer")).to_have_value(colleague.employee_no)
    page.get_by_test_id("nominate-form").locator("button[type=submit]").click()
    expect(page.get_by_test_id("nominations")).to_contain_text(colleague.name)
    context.close()

    # The manager approves what is waiting, from the to-do on their home page.
    context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, base, "manager")
    page.get_by_test_id("todo-nominations").get_by_role("link").click()
    page.get_by_test_id("line").get_by_role("link", name=architect.name).click()
    approve = page.get_by_role("button", name=words["approve"], exact=True)
    # Each click reloads the page: wait for one button fewer before the next, so
    # a count taken mid-navigation cannot end the loop early.
    for left in range(approve.count() - 1, -1, -1):
        approve.first.click()
        expect(approve).to_have_count(left)
    expect(page.get_by_test_id("nominations")).not_to_contain_text(str(Nomination.Status.PROPOSED.label))
    assert ReviewForm.objects.filter(round=round, employee=architect, reviewer=colleague).exists()
    context.close()

    # HR reminds everyone with reviews to submit and follows progress.
    context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 900})
    hr = context.new_page()
    log_in(hr, base, "hr")
    hr.goto(f"{base}/rounds/{round.pk}/")
    hr.get_by_role("button", name=words["remind"]).click()
    expect(hr.locator(".alert-success")).to_be_visible()
    assert Notification.objects.filter(event="rounds.reminded", recipient__username="employee").exists()
    expect(hr.get_by_test_id("progress").locator("tbody tr").first).to_be_visible()
    photograph(hr, f"{output_path}/rounds-progress-{locale}.png")

    # The employee writes the self-assessment on a phone and submits it.
    phone_context = browser.new_context(locale=locale, viewport=PHONE)
    phone = phone_context.new_page()
    log_in(phone, base, "employee")
    phone.goto(f"{base}/rounds/inbox/")
    expect(phone.get_by_test_id("owed").first).to_be_visible()
    photograph(phone, f"{output_path}/rounds-inbox-phone-{locale}.png")
    mine = ReviewForm.objects.get(round=round, employee=architect, relation="self")
    phone.goto(f"{base}{mine.get_absolute_url()}")
    for section in phone.get_by_test_id("competency").all():
        section.locator("input[type=radio][value='4']").check()
    first_comment = phone.get_by_test_id("competency").first.locator("textarea")
    first_comment.fill("他总是按时交付。" if locale == "zh-CN" else "He always delivers on time.")
    expect(phone.get_by_test_id("competency").first.locator(".coach")).to_contain_text(words["absolute"])
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    photograph(phone, f"{output_path}/rounds-form-phone-{locale}.png")
    phone.get_by_test_id("submit-review").click()
    expect(phone.get_by_test_id("inbox")).to_contain_text(words["rated"])
    phone_context.close()

    # HR closes the round, opens the cycle and scores it: the self-assessment counts, as online.
    hr.goto(f"{base}/rounds/{round.pk}/")
    hr.get_by_role("button", name=words["close"]).click()
    expect(hr.locator(".alert-success")).to_be_visible()
    hr.goto(f"{base}/reviews/cycles/{round.cycle_id}/status/open/")
    hr.locator("main form button[type=submit]").click()
    hr.goto(f"{base}/reviews/cycles/{round.cycle_id}/")
    hr.get_by_role("button", name=words["score"]).click()
    result = Result.objects.get(cycle=round.cycle, employee=architect)
    hr.goto(f"{base}/reviews/results/{result.pk}/")
    expect(hr.get_by_test_id("individual-reviews")).to_contain_text(words["online"])
    context.close()
