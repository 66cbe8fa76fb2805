"""Signing in with the company directory (a real OpenLDAP slapd) in a real browser, in both
languages: the directory password opens the employee's home; someone the organisation does not
know reads why they cannot get in."""

import re

import pytest
from playwright.sync_api import expect

from tests.directory.conftest import ldap_on, slapd_server  # noqa: F401  (the directory)
from tests.directory.slapd import PASSWORD

WORDS = {
    "zh-hans": {"login": "登录", "refused": "您的目录账号未关联 PerfLoop 中的任何人"},
    "en": {"login": "Log in", "refused": "Your directory account is not linked to anyone in PerfLoop"},
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_directory_password_signs_in_and_a_stranger_is_told_why_not(
    demo_template,  # made before the live server connects: a database in use cannot be a template
    transactional_db,
    org,
    ldap_on,  # noqa: F811
    live_server,
    page,
    output_path,
    language,
):
    words = WORDS[language]
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "stranger")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name=words["login"]).click()
    expect(page.get_by_text(words["refused"])).to_be_visible()
    page.screenshot(path=f"{output_path}/directory-refused-{language}.png", full_page=True)

    page.fill("#id_username", "liuyang")
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name=words["login"]).click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_test_id("section-employee")).to_be_visible()
