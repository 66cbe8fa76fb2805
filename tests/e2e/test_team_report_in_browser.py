"""A department head opens the team report from the menu, reads the common problems, follows one
to the people behind it and another into a team plan they start; HR compares the departments on the heat map and downloads the
report — in both languages, photographed."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import log_in, photograph

WORDS = {
    "zh-CN": {"reports": "报表", "team": "团队报告", "problems": "共性问题", "compare": "部门对比", "worked": "是否有效"},
    "en-US": {"reports": "Reports", "team": "Team report", "problems": "Common problems", "compare": "Compare departments", "worked": "Did it work?"},
}  # fmt: skip


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_a_department_head_and_hr_read_the_team_report(demo, live_server, browser, locale, output_path):
    words = WORDS[locale]
    context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, "manager")
    page.get_by_role("button", name=words["reports"]).click()
    page.get_by_role("link", name=words["team"]).click()
    report = page.get_by_test_id("team-report")
    expect(report.get_by_role("heading", name=words["problems"])).to_be_visible()
    expect(report.get_by_role("heading", name=words["worked"])).to_be_visible()
    expect(page.locator("[data-chart=band-chart][data-rendered=true]")).to_be_visible()
    photograph(page, f"{output_path}/team-report-manager-{locale}.png")

    # A common problem into a team plan: drafted with its goal on the team's figure, then started.
    row = page.locator("[data-problem]").filter(has=page.get_by_test_id("start-team-plan")).first
    name = row.get_attribute("data-problem")
    row.get_by_test_id("start-team-plan").click()
    expect(page.get_by_test_id("team-plan")).to_be_visible()
    expect(page.get_by_test_id("goals")).to_contain_text(name)
    expect(page.get_by_test_id("team-figures")).to_be_visible()
    page.get_by_test_id("start-plan").click()
    expect(page.get_by_test_id("start-plan")).to_have_count(0)
    expect(page.get_by_test_id("unmet")).to_have_count(0)
    photograph(page, f"{output_path}/team-plan-{locale}.png")
    page.go_back()
    page.go_back()
    page.reload()
    expect(page.locator(f'[data-problem="{name}"]').get_by_test_id("team-plan-link")).to_be_visible()

    problem = page.locator("[data-problem]").first.locator("a").first
    problem.click()  # to the people behind it, as the manager's team view lists them
    expect(page.locator("table tbody tr").first).to_be_visible()
    assert "/team/" in page.url
    context.close()

    context = browser.new_context(locale=locale, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, "hr")
    page.goto(f"{live_server.url}/insights/team/")
    page.get_by_test_id("compare-tab").click()
    expect(page.locator("[data-testid=heat-map][data-rendered=true]")).to_be_visible()
    expect(page.locator("[data-department]").first).to_be_visible()
    page.locator("[data-sort=mean]").click()
    expect(page.locator("[data-sort=mean]")).to_contain_text("↑")
    photograph(page, f"{output_path}/team-heat-map-{locale}.png")
    with page.expect_download() as download:
        page.goto(f"{live_server.url}/insights/team/")
        page.get_by_test_id("report-xlsx").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    context.close()
