"""On a 390 px phone no main page is wider than the screen, for any role, and the inbox bell is
visible outside the collapsed menu; the to-do lists are photographed in both languages."""

import pytest
from playwright.sync_api import expect

from perfloop.feedback.models import FeedbackRecord
from perfloop.org.models import Employee
from perfloop.plans.models import Plan
from perfloop.reviews.models import Result, ReviewCycle
from perfloop.rounds.models import ReviewForm, ReviewRound
from tests.e2e.conftest import log_in, photograph

PHONE = {"width": 390, "height": 844}


def pages_of(role: str) -> list[str]:
    """The main pages of each role in the demo company, with the objects they are about."""
    cycle = ReviewCycle.objects.filter(status=ReviewCycle.Status.FEEDBACK).order_by("-start_date").first()
    me = Employee.objects.filter(user__username=role).first()
    own = (
        [f"/reviews/results/{r.pk}/" for r in Result.objects.filter(employee=me, cycle=cycle)[:1]]
        if me
        else []
    )
    own += [f"/feedback/{r.pk}/" for r in FeedbackRecord.objects.filter(employee=me)[:1]] if me else []
    own += [f"/plans/{p.pk}/" for p in Plan.objects.filter(employee=me).order_by("-pk")[:1]] if me else []
    team_plan = Plan.objects.filter(owner__username=role).order_by("-pk").first()
    team_record = FeedbackRecord.objects.filter(holder__username=role).order_by("-pk").first()
    common = ["/", "/reviews/cycles/", "/org/", "/notify/"]
    round = ReviewRound.objects.order_by("-pk").first()
    reviews = (
        [f"/rounds/forms/{f.pk}/" for f in ReviewForm.objects.filter(reviewer=me, round=round)[:2]]
        if me
        else []
    )
    reviews += ["/rounds/inbox/", f"/rounds/{round.pk}/nominations/"]
    by_role = {
        "employee": [*own, *reviews, "/plans/", "/followup/", "/feedback/"],
        "manager": [
            "/org/team/", "/feedback/", f"/feedback/cycles/{cycle.pk}/", f"/reviews/cycles/{cycle.pk}/team/",
            "/plans/", "/followup/?scope=team", "/insights/team/", "/insights/team/trends/", *reviews,
            "/rounds/", f"/rounds/{round.pk}/?section=reviewer",
            *([f"/plans/{team_plan.pk}/"] if team_plan else []),
            *([f"/feedback/{team_record.pk}/"] if team_record else []),
        ],
        "hr": [
            f"/reviews/cycles/{cycle.pk}/", f"/reviews/cycles/{cycle.pk}/team/",
            f"/reviews/results/{Result.objects.filter(cycle=cycle).order_by('pk').first().pk}/",
            "/imports/", "/feedback/appeals/", "/insights/outcomes/", "/insights/lessons/", "/insights/team/",
            "/insights/departments/",
            "/notify/deliveries/", "/accounts/invitations/", "/plans/",
            "/rounds/", "/rounds/new/", f"/rounds/{round.pk}/", f"/rounds/{round.pk}/?section=person",
        ],
        "admin": ["/access/hr/", "/accounts/invitations/", "/access/changes/"],
    }  # fmt: skip
    return [*common, *by_role[role]] if role != "admin" else ["/", *by_role[role]]


@pytest.mark.parametrize("role", ["employee", "manager", "hr", "admin"])
def test_no_main_page_is_wider_than_a_phone(demo, live_server, browser, role, output_path):
    context = browser.new_context(locale="zh-CN", viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url, role)  # the bell is visible, not hidden in the collapsed menu
    too_wide = {}
    for path in pages_of(role):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
            page.screenshot(path=f"{output_path}/too-wide-{role}-{path.strip('/').replace('/', '-')}.png")
    context.close()
    assert too_wide == {}


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
@pytest.mark.parametrize("role", ["employee", "manager", "hr"])
def test_each_role_s_to_do_list_in_both_languages(demo, live_server, browser, role, locale, output_path):
    words = {"zh-CN": "待办事项", "en-US": "What needs you"}[locale]
    for width, name in ((1366, "desktop"), (390, "phone")):
        context = browser.new_context(locale=locale, viewport={"width": width, "height": 900})
        page = context.new_page()
        log_in(page, live_server.url, role)
        todo = page.get_by_test_id("section-todo")
        expect(todo.get_by_role("heading", name=words)).to_be_visible()
        if role != "employee":  # the demo's employee has done what was asked of them
            expect(todo.locator("a").first).to_be_visible()
        photograph(page, f"{output_path}/todo-{role}-{locale}-{name}.png")
        context.close()


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_the_navigation_fits_one_line_on_a_desktop(demo, live_server, browser, locale, monkeypatch):
    """HR who manages a team holds the most entries, and English words are long."""
    from perfloop.home.registry import MENU

    monkeypatch.delitem(MENU, "plugin")  # the test suite's own plug-in, in no company's menu
    context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, "hr")
    bar = page.locator("nav.navbar").bounding_box()
    entries = page.locator("#main-nav .nav-link").all()
    tops = {round(link.bounding_box()["y"]) for link in entries if link.is_visible()}
    context.close()
    assert len(tops) == 1 and bar["height"] < 70, (tops, bar)


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_the_meeting_tabs_keep_to_one_row_on_a_phone(demo, live_server, browser, locale):
    record = FeedbackRecord.objects.filter(holder__username="manager").order_by("-pk").first()
    context = browser.new_context(locale=locale, viewport=PHONE)
    page = context.new_page()
    log_in(page, live_server.url, "manager")
    page.goto(f"{live_server.url}/feedback/{record.pk}/")
    tabs = page.get_by_test_id("record-tabs").locator(".nav-link").all()
    tops = {round(tab.bounding_box()["y"]) for tab in tabs}
    width = page.evaluate("document.documentElement.scrollWidth")
    context.close()
    assert len(tabs) >= 2 and len(tops) == 1 and width <= PHONE["width"]
