"""Signing in with Feishu's QR code and inside DingTalk's workbench (免登) in a real browser at
phone width, in both languages, against the services' stand-in: the login page offers each
method that is on; the QR sign-in comes back to the employee's home; inside the workbench the
service's JS API (the stand-in's, loaded under this page's own Content-Security-Policy) hands our
page a code and no password is asked; someone from another company reads why not."""

import re

import pytest
from playwright.sync_api import expect

from tests.directory.conftest import services_on, services_standin  # noqa: F401  (the services)

WORDS = {
    "zh-hans": {"feishu": "使用飞书登录", "outsider": "您的飞书账号属于其他企业"},
    "en": {
        "feishu": "Sign in with Feishu / Lark (飞书)",
        "outsider": "Your Feishu account belongs to another company",
    },
}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_feishu_by_qr_code_and_dingtalk_inside_its_workbench(
    demo_template,  # made before the live server connects: a database in use cannot be a template
    transactional_db,
    org,
    services_on,  # noqa: F811
    settings,
    live_server,
    page,
    output_path,
    language,
):
    words = WORDS[language]
    settings.PERFLOOP_BASE_URL = live_server.url  # the redirect address registered with the services
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_test_id("other-ways").locator("a")).to_have_count(3)
    page.screenshot(path=f"{output_path}/login-with-services-{language}.png", full_page=True)

    page.get_by_role("link", name=words["feishu"]).click()  # the QR page, already scanned
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    expect(page.get_by_test_id("section-employee")).to_be_visible()

    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    logs = []
    page.on("console", lambda m: logs.append(m.text))
    page.on("requestfailed", lambda r: logs.append("FAILED " + r.url))
    page.on("response", lambda r: logs.append(f"{r.status} {r.url}"))
    page.goto(f"{live_server.url}/directory/signin/dingtalk/app/")  # the app's home in the workbench
    page.wait_for_timeout(1500)
    print("\n".join(logs))
    expect(page.get_by_test_id("section-employee")).to_be_visible()
    assert "/accounts/login/" not in page.url

    page.context.clear_cookies()
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    services_on.outsiders.add("u-liu")
    page.goto(f"{live_server.url}/directory/signin/feishu/app/")
    expect(page.get_by_text(words["outsider"])).to_be_visible()
    page.screenshot(path=f"{output_path}/workbench-outsider-{language}.png", full_page=True)
