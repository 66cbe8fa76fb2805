"""Each demo role logs in with a real browser, sees its home page in Chinese, switches to English."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

# (login, a section only this role's home shows, Chinese heading, English heading)
ROLES = [
    ("employee", "section-employee", "我的考核结果与改进计划", "My results and plans"),
    ("manager", "section-manager", "我的团队", "My team"),
    ("hr", "section-hr", "考核周期与导入", "Review cycles and imports"),
    ("admin", "section-admin", "系统管理", "Administration"),
]


@pytest.fixture
def demo(transactional_db, settings):
    settings.DEBUG = True
    call_command("seed_demo")


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
    page.get_by_role("button", name="English").click()
    expect(home.locator("h2")).to_have_text(en)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.screenshot(path=f"{output_path}/{username}-en.png", full_page=True)

    # The choice is remembered: a reload stays in English.
    page.reload()
    expect(page.get_by_test_id(section).locator("h2")).to_have_text(en)
