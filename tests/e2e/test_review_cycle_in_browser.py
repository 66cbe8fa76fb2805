"""HR imports a template and results in a real browser, computes, and reads a result in both languages."""

import re

from playwright.sync_api import expect

from perfloop.org.models import Employee
from perfloop.reviews.models import ReviewCycle
from tests.org.helpers import csv_bytes, xlsx_bytes


def upload_and_apply(page, kind, path, *, expected):
    """Upload a file with the page's form, check the preview, apply it."""
    page.set_input_files(f"#file-{kind}", str(path))
    page.get_by_test_id(f"upload-{kind}").get_by_role("button", name="上传并预览").click()
    expect(page.get_by_test_id("import-summary")).to_contain_text(expected)
    page.get_by_role("button", name="确认导入").click()
    expect(page.get_by_test_id("import-status")).to_have_text("已导入")


def test_hr_imports_template_and_results_then_reads_a_result(demo, live_server, page, output_path, tmp_path):
    accountant = Employee.objects.filter(position__name="会计").order_by("employee_no").first()
    template = tmp_path / "template.xlsx"
    template.write_bytes(
        xlsx_bytes(
            [
                ("财务岗", "报表及时率", "kpi", 60, "%", 100, "higher", "", "会计"),
                ("财务岗", "差错笔数", "kpi", 40, "笔", 4, "lower", "", "会计"),
            ],
            header=["模板", "指标", "类型", "权重", "单位", "目标值", "方向", "岗位要求", "适用岗位"],
        )
    )
    results = tmp_path / "results.csv"
    results.write_bytes(
        csv_bytes(
            [
                (accountant.employee_no, "报表及时率", "95", "", ""),
                (accountant.employee_no, "差错笔数", "5", "", ""),
            ],
            header=["工号", "指标", "实际值", "目标值", "说明"],
        )
    )

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "hr")
    page.fill("#id_password", "perfloop-demo")
    page.get_by_role("button", name="登录").click()

    draft = ReviewCycle.objects.get(status=ReviewCycle.Status.DRAFT).name  # the demo's current quarter
    page.goto(f"{live_server.url}/reviews/templates/")
    upload_and_apply(page, "template", template, expected="1 个模板共 2 项指标：新增 1，更新 0，不变 0。")

    page.goto(f"{live_server.url}/reviews/cycles/")
    page.get_by_role("link", name=draft).click()
    page.get_by_role("link", name="进入“进行中”").click()
    expect(page.get_by_test_id("status-effect")).to_contain_text("导入")
    page.get_by_role("button", name="确认").click()
    expect(page.get_by_test_id("cycle-status")).to_have_text("进行中")
    upload_and_apply(page, "results", results, expected="1 人的 2 个实际值：新增 2")
    page.goto(f"{live_server.url}/reviews/cycles/")
    page.get_by_role("link", name=draft).click()
    page.get_by_role("button", name="计算结果").click()
    expect(page.locator(".alert-success")).to_contain_text("已计算")

    page.get_by_role("link", name="团队视图").click()
    page.get_by_role("link", name=accountant.name).click()
    # 95% × 60 + (4 / 5 = 80%) × 40 = 57 + 32 = 89.0 → 良好
    expect(page.get_by_test_id("composite")).to_have_text("89.0")
    expect(page.get_by_test_id("band")).to_have_text("良好")
    expect(page.get_by_test_id("improvements")).to_contain_text(
        "报表及时率：实际 95%，目标 100%（完成95%），差5%。"
    )
    expect(page.locator('[data-chart="score-chart"]')).to_have_attribute("data-rendered", "true")
    page.screenshot(path=f"{output_path}/result-zh.png", full_page=True)

    page.get_by_role("button", name="English").click()
    expect(page.get_by_test_id("band")).to_have_text("Good")
    expect(page.get_by_test_id("improvements")).to_contain_text(
        "报表及时率: 95 % against a target of 100 % (95%), 5 % short."
    )
    expect(page.get_by_role("heading", name=re.compile("How the score is made"))).to_be_visible()
    page.screenshot(path=f"{output_path}/result-en.png", full_page=True)
