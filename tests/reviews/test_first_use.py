"""What a new HR user tripped over in the review stage, clicking through in Chinese."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from openpyxl import load_workbook

from perfloop.imports.models import Import
from perfloop.reviews.analysis import falls_short
from perfloop.reviews.models import Result, RootCause
from perfloop.reviews.services import change_status, tag_root_cause


def zh_client(org, role):
    client = Client(headers={"accept-language": "zh-CN"})
    client.force_login(org.user(role))
    return client


@pytest.mark.django_db
def test_root_causes_only_for_shortfalls_and_they_can_be_removed(scored, org):
    result = Result.objects.get(cycle=scored, employee=org.employee)
    met = next(i for i in result.breakdown if i["score"] is not None and not falls_short(i))
    short = next(i for i in result.breakdown if i["name"] == "代码交付")  # 95 of 100
    with pytest.raises(ValidationError):
        tag_root_cause(
            result=result, indicator_id=met["indicator_id"], cause="skills", note="", by=org.user("manager")
        )
    page = zh_client(org, "manager").get(f"/reviews/results/{result.pk}/").content.decode()
    options = page.split('name="indicator"')[1].split("</select>")[0]
    assert "代码交付" in options and met["name"] not in options
    cause = tag_root_cause(
        result=result, indicator_id=short["indicator_id"], cause="skills", note="", by=org.user("manager")
    )
    response = zh_client(org, "manager").post(f"/reviews/results/{result.pk}/root-causes/{cause.pk}/remove/")
    assert response.status_code == 302 and not RootCause.objects.exists()


@pytest.mark.django_db
def test_pages_speak_chinese_where_they_said_english(scored, org):
    hr = zh_client(org, "hr_in_scope")
    entry = hr.get(f"/reviews/cycles/{scored.pk}/people/{org.employee.pk}/").content.decode()
    assert "Indicator" not in entry and "Select an option" not in entry
    assert "（不针对具体指标）" in entry
    cycles = hr.get("/reviews/cycles/").content.decode()
    assert "<th>名称</th>" in cycles and "<th>姓名</th>" not in cycles
    Import.objects.create(kind="results", filename="r.csv", content=b"", uploaded_by=org.user("hr_in_scope"))
    imports = hr.get("/imports/").content.decode()
    assert "<td>KPI 实际值</td>" in imports or "<td>KPI实际值</td>" in imports
    assert "<td>results</td>" not in imports


@pytest.mark.django_db
def test_rater_counts_say_they_are_raters(scored, org):
    change_status(cycle=scored, to="calibrating", by=org.user("hr_in_scope"))
    result = Result.objects.get(cycle=scored, employee=org.employee)
    page = zh_client(org, "hr_in_scope").get(f"/reviews/results/{result.pk}/").content.decode()
    assert "上级 4（1 人评价）" in page


@pytest.mark.django_db
def test_team_export_is_for_people_in_their_language(scored, org):
    content = zh_client(org, "hr_in_scope").get(f"/reviews/cycles/{scored.pk}/team.xlsx").content
    sheet = load_workbook(io.BytesIO(content)).active
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["工号", "姓名", "部门"] and "employee_no" not in header
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= 10
    assert {row[6].value for row in sheet.iter_rows(min_row=2)} <= {"是", "否"}


@pytest.mark.django_db
def test_publishing_a_cycle_with_results_missing_takes_a_confirmed_reason(scored, org):
    hr = zh_client(org, "hr_in_scope")
    change_status(cycle=scored, to="calibrating", by=org.user("hr_in_scope"))
    page = hr.get(f"/reviews/cycles/{scored.pk}/status/feedback/").content.decode()
    incomplete = Result.objects.filter(cycle=scored, complete=False).count()
    assert incomplete >= 1 and f'<td class="text-end">{incomplete}</td>' in page
    assert 'name="reason"' in page and "每位员工将看到自己的考核结果" in page
    hr.post(f"/reviews/cycles/{scored.pk}/status/", {"to": "feedback"})
    scored.refresh_from_db()
    assert scored.status == "calibrating"  # one click no longer publishes
    hr.post(
        f"/reviews/cycles/{scored.pk}/status/", {"to": "feedback", "reason": "季度会前先沟通已完成的人员"}
    )
    scored.refresh_from_db()
    assert scored.status == "feedback"
    assert scored.transitions.last().reason == "季度会前先沟通已完成的人员"
    assert "季度会前先沟通已完成的人员" in hr.get(f"/reviews/cycles/{scored.pk}/").content.decode()


@pytest.mark.django_db
def test_template_file_may_use_the_words_the_pages_show_and_the_page_shows_departments(org):
    from perfloop.reviews.importing import plan_import
    from tests.org.helpers import csv_bytes

    header = ["模板", "指标", "类型", "权重", "单位", "目标值", "方向", "封顶", "岗位要求", "适用部门"]
    rows = [
        ("研发岗", "交付", "KPI", "60", "个", "100", "越高越好", "", "", "星河测试/研发中心"),
        ("研发岗", "协作", "能力素质", "40", "", "", "", "", "", "星河测试/研发中心"),
    ]
    plan = plan_import("template", csv_bytes(rows, header=header), "t.csv", user=None)
    assert plan.ok, plan.errors
    english = [
        ("研发岗", "交付", "KPI", "60", "", "100", "Lower is better", "", "", "星河测试/研发中心"),
        ("研发岗", "协作", "Competency", "40", "", "", "", "", "", "星河测试/研发中心"),
    ]
    assert plan_import("template", csv_bytes(english, header=header), "t.csv", user=None).ok
    from perfloop.reviews.importing import apply_import

    apply_import("template", csv_bytes(rows, header=header), "t.csv", user=None)
    page = zh_client(org, "hr_in_scope").get("/reviews/templates/").content.decode()
    assert "适用部门: 研发中心" in page


@pytest.mark.django_db
def test_a_file_with_errors_shows_as_refused(org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    hr = zh_client(org, "hr_in_scope")
    hr.post(
        "/imports/upload/org/", {"file": SimpleUploadedFile("bad.csv", "工号,姓名,部门\n,无名,\n".encode())}
    )
    assert Import.objects.get().status == "refused"


@pytest.mark.django_db
def test_histories_name_people_not_logins(scored, org):
    from tests.org.factories import EmployeeFactory

    EmployeeFactory(employee_no="H0001", name="赵人事", department=org.sales, user=org.user("hr_in_scope"))
    change_status(cycle=scored, to="calibrating", by=org.user("hr_in_scope"))
    page = zh_client(org, "hr_out_of_scope").get(f"/reviews/cycles/{scored.pk}/").content.decode()
    assert "· 赵人事" in page and "· hr_in_scope" not in page


@pytest.mark.django_db
def test_an_empty_cycle_says_there_are_no_results_yet(cycle, org):
    page = zh_client(org, "hr_in_scope").get(f"/reviews/cycles/{cycle.pk}/").content.decode()
    assert 'data-testid="no-results"' in page and 'data-chart="band-chart"' not in page
