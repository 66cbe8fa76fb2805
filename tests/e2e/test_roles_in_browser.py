"""Each demo role logs in with a real browser, sees its home page in Chinese, switches to English."""

import re

import pytest
from playwright.sync_api import expect

# (login, a section only this role's home shows, Chinese heading, English heading)
ROLES = [
    ("employee", "section-employee", "我的考核结果与计划", "My results and plans"),
    ("manager", "section-manager", "我的团队", "My team"),
    ("hr", "section-hr", "考核周期与导入", "Review cycles and imports"),
    ("admin", "section-admin", "系统管理", "Administration"),
]


@pytest.fixture
def browser_context_args(browser_context_args):
    # On a phone-width screen.
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


@pytest.mark.parametrize(("username", "section", "zh", "en"), ROLES)
def test_role_logs_in_and_switches_language(demo, live_server, page, output_path, username, section, zh, en):
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    expect(page.locator("h1")).to_have_text("登录")
    page.fill("#id_username", username)
    page.fill("#id_password", "perfloop-demo")
    page.get_by_role("button", name="登录").click()

    home = page.get_by_test_id(section)
    expect(home.locator("h2")).to_have_text(zh)
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    page.screenshot(path=f"{output_path}/{username}-zh.png", full_page=True)

    # On a phone the language switch sits in the collapsed menu.
    toggler = page.locator(".navbar-toggler")
    if toggler.is_visible():
        toggler.click()
        # Wait for the menu to finish opening: a click during Bootstrap's transition can miss.
        expect(page.locator(".navbar-collapse")).to_have_class(re.compile(r"(^|\s)show(\s|$)"))
    page.get_by_role("button", name="English").click()
    expect(home.locator("h2")).to_have_text(en)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.screenshot(path=f"{output_path}/{username}-en.png", full_page=True)

    # The choice is remembered: a reload stays in English.
    page.reload()
    expect(page.get_by_test_id(section).locator("h2")).to_have_text(en)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_result_on_a_phone_shows_each_indicator_as_a_card(demo, live_server, page, output_path, language):
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "employee")
    page.fill("#id_password", "perfloop-demo")
    page.locator("form:has(#id_password) button[type=submit]").click()
    page.get_by_test_id("my-results").locator("a").first.click()
    table = page.get_by_test_id("breakdown")
    # The result page has arrived (a hidden header alone would also pass on the page before it).
    expect(table.locator("tbody tr").first).to_be_visible()
    expect(table.locator("thead")).to_be_hidden()
    # Nothing scrolls sideways: every card fits the screen, and each value carries its label.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    first_value = table.locator("tbody td").first
    label = first_value.evaluate("e => getComputedStyle(e, '::before').content")
    assert label.strip('"') == ("目标值" if language == "zh-hans" else "Target")
    row = table.locator("tbody tr").first.bounding_box()
    assert row["width"] > 300  # a card across the screen, not a squeezed column
    expect(page.get_by_test_id("score-chart")).to_have_attribute("data-rendered", "true")
    page.screenshot(path=f"{output_path}/result-phone-{language}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(table.locator("thead")).to_be_visible()
    page.screenshot(path=f"{output_path}/result-desktop-{language}.png", full_page=True)
