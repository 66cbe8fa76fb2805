"""A new company's first day in a real browser: from an empty database, the first administrator
reaches a published review cycle through links on the pages alone — the setup checklist, the
organisation import, HR people named on a page, the invitation, templates, a cycle, results."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from perfloop.reviews.models import ReviewCycle
from tests.org.helpers import csv_bytes, xlsx_bytes

ORGANISATION = [
    ("S001", "赵海", "星海科技", "总经理", "", "2018-01-02", "zhao@example.com"),
    ("S002", "吴人事", "星海科技/人力资源部", "HR专员", "S001", "2019-03-01", "wu@example.com"),
    ("S003", "钱经理", "星海科技/研发部", "研发经理", "S001", "2019-05-06", "qian@example.com"),
    ("S004", "孙工", "星海科技/研发部", "工程师", "S003", "2020-07-01", "sun@example.com"),
    ("S005", "李工", "星海科技/研发部", "工程师", "S003", "2021-09-01", "li@example.com"),
]
TEMPLATE_HEADER = ["模板", "指标", "类型", "权重", "单位", "目标值", "方向", "岗位要求", "适用岗位"]
WORDS = {
    "zh-CN": {"setup": "开始使用绩效闭环", "done": "6/6", "password": "设置密码并登录", "feedback": "反馈中"},
    "en-US": {
        "setup": "Setting up PerfLoop",
        "done": "6 of 6",
        "password": "Set password and sign in",
        "feedback": "Feedback",
    },
}


def home(page):
    page.locator("a.navbar-brand").click()


def step(page, key):
    """Follow a step of the setup checklist from the home page."""
    home(page)
    item = page.get_by_test_id(f"setup-{key}")
    item.get_by_role("link").click()


def upload(page, kind, path):
    form = page.get_by_test_id(f"upload-{kind}")
    form.locator(f"#file-{kind}").set_input_files(str(path))
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("import-summary")).to_be_visible()
    expect(page.get_by_test_id("import-errors")).to_have_count(0)
    page.locator("button.btn-success").click()  # apply
    expect(page.get_by_test_id("import-status")).to_have_attribute("class", re.compile("text-bg-success"))


def shown_link(page) -> str:
    return page.get_by_test_id("invitations-sent").locator("code").first.inner_text()


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_from_an_empty_database_to_a_published_cycle_by_links_alone(
    live_server, localized_page, locale, tmp_path, output_path, settings
):
    settings.PERFLOOP_BASE_URL = live_server.url
    words = WORDS[locale]
    get_user_model().objects.create_superuser("founder", "", "Founder-2026!")  # `createsuperuser`
    files = {
        "org.xlsx": xlsx_bytes(ORGANISATION),
        "template.xlsx": xlsx_bytes(
            [("研发岗", "代码交付", "kpi", 100, "%", 100, "higher", "", "工程师")], header=TEMPLATE_HEADER
        ),
        "results.csv": csv_bytes(
            [("S004", "代码交付", "95", "", ""), ("S005", "代码交付", "80", "", "")],
            header=["工号", "指标", "实际值", "目标值", "说明"],
        ),
    }
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
    page = localized_page

    # The administrator: the checklist, the organisation, the HR person and their cover.
    page.goto(live_server.url)  # the one address typed: the company's PerfLoop
    page.fill("#id_username", "founder")
    page.fill("#id_password", "Founder-2026!")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", name=words["setup"])).to_be_visible()
    page.screenshot(path=f"{output_path}/setup-checklist-{locale}.png", full_page=True)
    step(page, "organisation")
    upload(page, "org", tmp_path / "org.xlsx")
    step(page, "hr-people")
    page.fill("#hr-q", "wrs")  # 吴人事, by the initials of her name
    page.locator("form[role=search] button").click()
    page.locator("#hr-department").select_option(label="星海科技")
    page.get_by_test_id("name-hr").click()
    hr_link = shown_link(page)
    step(page, "hr-people")  # not ticked: nobody else covers 吴人事's own records
    expect(page.get_by_test_id("uncovered-hr")).to_contain_text("吴人事")
    page.get_by_test_id("name-manager-hr").click()  # her manager, 赵海, for 人力资源部
    expect(page.get_by_test_id("invitations-sent")).to_contain_text("赵海")
    home(page)
    for key in ("organisation", "hr-people", "accounts"):
        expect(page.get_by_test_id(f"setup-{key}")).to_have_attribute("data-done", "true")
    expect(page.get_by_test_id("setup-templates")).to_have_attribute("data-done", "false")
    page.context.clear_cookies()  # the administrator's session ends; the link goes to 吴人事

    # HR: the invitation, then her steps of the checklist.
    page.goto(hr_link)
    page.fill("#id_new_password1", "Xinghai-HR-2026!")
    page.fill("#id_new_password2", "Xinghai-HR-2026!")
    page.get_by_role("button", name=words["password"]).click()
    step(page, "templates")
    upload(page, "template", tmp_path / "template.xlsx")
    step(page, "cycle")
    page.fill("#id_name", "2027年Q1")
    page.select_option("#id_kind", "quarter")
    page.fill("#id_start_date", "2027-01-01")
    page.fill("#id_end_date", "2027-03-31")
    page.locator("form:has(#id_name) button[type=submit]").click()
    page.locator('a[href$="/status/open/"]').click()
    page.locator("main form button[type=submit].btn-primary").first.click()
    upload(page, "results", tmp_path / "results.csv")
    page.get_by_test_id("import-back").click()
    page.locator('form[action$="/score/"] button').click()
    page.locator('a[href$="/status/calibrating/"]').click()
    page.locator("main form button[type=submit].btn-primary").first.click()
    page.locator('a[href$="/status/feedback/"]').click()
    page.fill("#id_reason", "首个周期：管理岗本期不考核")  # three people have no template yet
    page.locator("main form button[type=submit].btn-primary").first.click()
    expect(page.get_by_test_id("cycle-status")).to_have_text(words["feedback"])
    assert ReviewCycle.objects.get(name="2027年Q1").status == ReviewCycle.Status.FEEDBACK
    home(page)
    expect(page.get_by_test_id("section-setup")).to_have_count(0)  # set up: the checklist is gone
    page.screenshot(path=f"{output_path}/first-cycle-published-{locale}.png", full_page=True)
