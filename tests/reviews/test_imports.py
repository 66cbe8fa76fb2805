import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from perfloop.documents.imports import ImportRefused
from perfloop.reviews.importing import apply_import, plan_import
from perfloop.reviews.models import EvidenceRecord, Indicator, KpiActual, Review360, ReviewCycle, Template
from tests.org.helpers import csv_bytes, xlsx_bytes
from tests.reviews.conftest import (
    EVIDENCE_HEADER,
    RESULTS_HEADER,
    REVIEWS_HEADER,
    TEMPLATE_HEADER,
    TEMPLATE_ROWS,
    load,
)


def snapshot():
    return (
        list(KpiActual.objects.order_by("pk").values()),
        list(Review360.objects.order_by("pk").values()),
        list(EvidenceRecord.objects.order_by("pk").values()),
        list(Indicator.objects.order_by("pk").values()),
        list(Template.positions.through.objects.order_by("pk").values()),
    )


def errors(kind, rows, cycle, header=None, user=None):
    headers = {
        "results": RESULTS_HEADER,
        "reviews": REVIEWS_HEADER,
        "evidence": EVIDENCE_HEADER,
        "template": TEMPLATE_HEADER,
    }
    with translation.override("en"):
        plan = plan_import(
            kind, csv_bytes(rows, header=header or headers[kind]), "f.csv", cycle=cycle, user=user
        )
    return [(e.line, e.message) for e in plan.errors]


@pytest.mark.django_db
def test_template_import_sets_indicators_weights_and_positions(cycle):
    template = Template.objects.get(name="研发岗")
    assert [i.name for i in template.indicators.all()] == ["代码交付", "缺陷率", "团队协作", "产品知识"]
    defects = template.indicators.get(name="缺陷率")
    assert (defects.direction, defects.target, defects.cap) == ("lower", 2, 120)
    assert template.indicators.get(name="产品知识").requirement == 80
    assert list(template.positions.values_list("name", flat=True)) == ["工程师"]


@pytest.mark.django_db
def test_template_weights_must_add_up_to_100(cycle):
    rows = [
        ("销售岗", "销售额", "kpi", "60", "万元", "100", "", "", "", ""),
        ("销售岗", "客户满意度", "kpi", "30", "分", "90", "", "", "", ""),
    ]
    assert errors("template", rows, None) == [
        (2, "The weights of template “销售岗” add up to 90%, not 100%.")
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("T", "A", "okr", "100", "", "1", "", "", "", ""), "Kind “okr” is unknown; use kpi or competency."),
        (("T", "A", "kpi", "100", "", "", "", "", "", ""), "A KPI needs a target value."),
        (("T", "A", "kpi", "100", "", "0", "", "", "", ""), "Target must be greater than 0."),
        (
            ("T", "A", "kpi", "100", "", "5", "sideways", "", "", ""),
            "Direction “sideways” is unknown; use higher or lower.",
        ),
        (("T", "A", "kpi", "100", "", "5", "", "90", "", ""), "The cap must be at least 100%."),
        (("T", "A", "kpi", "100", "", "5", "", "", "", "宇航员"), "Unknown position “宇航员”."),
        (("T", "A", "kpi", "abc", "", "5", "", "", "", ""), "Weight “abc” is not a number."),
    ],
)
def test_each_kind_of_bad_template_row(org, row, message):
    assert (2, message) in errors("template", [row], None)


@pytest.mark.django_db
def test_template_cannot_drop_an_indicator_with_data(cycle):
    load("results", [("E0001", "代码交付", "95", "", "")], cycle)
    rows = [r for r in TEMPLATE_ROWS if r[1] != "代码交付"]
    rows[0] = (*rows[0][:3], "60", *rows[0][4:])
    assert any("drops “代码交付”, which has data" in m for _, m in errors("template", rows, None))


@pytest.mark.django_db
def test_results_import_with_personal_target_and_update(cycle, org):
    plan = load("results", [("E0001", "代码交付", "95", "110", "个人目标")], cycle)
    assert (plan.to_create, plan.to_update) == (1, 0)
    plan = load("results", [("E0001", "代码交付", "99", "110", "")], cycle)
    assert (plan.to_create, plan.to_update) == (0, 1)
    actual = KpiActual.objects.get()
    assert (actual.actual, actual.target) == (99, 110)


@pytest.mark.django_db
def test_results_file_with_english_headers_as_xlsx(cycle):
    content = xlsx_bytes(
        [("E0001", "代码交付", 95, None, None)],
        header=["employee_no", "indicator", "actual", "target", "note"],
    )
    assert apply_import("results", content, "r.xlsx", cycle=cycle).to_create == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("X9", "代码交付", "1", "", ""), "Unknown employee number X9."),
        (
            ("E0001", "销售额", "1", "", ""),
            "Indicator “销售额” is not in template “研发岗” that applies to E0001.",
        ),
        (
            ("E0001", "团队协作", "1", "", ""),
            "“团队协作” is a competency: its ratings come from 360 reviews.",
        ),
        (("E0001", "代码交付", "lots", "", ""), "Actual value “lots” is not a number."),
        (("E0001", "代码交付", "", "", "见附件"), "Actual value is missing."),
        (("E0001", "代码交付", "1", "-5", ""), "Target must be greater than 0."),
        (("C0001", "代码交付", "1", "", ""), None),  # the CEO has no position with a template
    ],
)
def test_each_kind_of_bad_results_row(cycle, org, row, message):
    from perfloop.org.models import Employee

    Employee.objects.filter(employee_no="C0001").update(position=None)
    expected = message or "No review template applies to employee C0001."
    assert errors("results", [row], cycle) == [(2, expected)]


@pytest.mark.django_db
def test_duplicate_results_row(cycle):
    rows = [("E0001", "代码交付", "1", "", ""), ("E0001", "代码交付", "2", "", "")]
    assert errors("results", rows, cycle) == [(3, "E0001 / 代码交付 appears twice (also on line 2).")]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("E0001", "L0001", "boss", "团队协作", "4", ""), "Relation “boss” is unknown"),
        (("E0001", "L0001", "self", "团队协作", "4", ""), "A self review must have the employee as reviewer"),
        (("E0001", "E0001", "peer", "团队协作", "4", ""), "A self review must have the employee as reviewer"),
        (("E0001", "L0001", "上级", "团队协作", "6", ""), "Rating 6 must be a whole number from 1 to 5."),
        (("E0001", "L0001", "上级", "团队协作", "3.5", ""), "Rating 3.5 must be a whole number from 1 to 5."),
        (("E0001", "L0001", "上级", "代码交付", "4", ""), "“代码交付” is a KPI"),
        (("E0001", "ZZ", "上级", "团队协作", "4", ""), "Unknown employee number ZZ."),
    ],
)
def test_each_kind_of_bad_review_row(cycle, row, message):
    found = errors("reviews", [row], cycle)
    assert len(found) == 1 and found[0][0] == 2 and found[0][1].startswith(message), found


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ("E0001", "someday", "", "正面", "x", "", ""),
            "Date “someday” is not a date; write it as 2024-03-01.",
        ),
        (
            ("E0001", "2023-08-01", "", "meh", "x", "", ""),
            "Kind “meh” is unknown; use positive or negative (正面, 负面).",
        ),
        (("E0001", "2023-08-01", "", "负面", "", "", ""), "Describe what happened."),
    ],
)
def test_each_kind_of_bad_evidence_row(cycle, row, message):
    assert errors("evidence", [row], cycle) == [(2, message)]


@pytest.mark.django_db
def test_evidence_reimport_does_not_duplicate(cycle):
    rows = [("E0001", "2023-08-15", "代码交付", "正面", "Q3项目提前3天交付", "客户满意度95分", "周报")]
    load("evidence", rows, cycle)
    plan = load("evidence", rows, cycle)
    assert (plan.to_create, plan.unchanged) == (0, 1)
    assert EvidenceRecord.objects.count() == 1


@pytest.mark.django_db
def test_hr_cannot_import_data_of_people_outside_their_scope(cycle, org):
    rows = [("E0002", "代码交付", "1", "", "")]
    assert errors("results", rows, cycle, user=org.user("hr_in_scope")) == [
        (2, "Employee E0002 is outside your HR scope.")
    ]
    assert errors("results", rows, cycle, user=org.user("hr_out_of_scope")) == []


@pytest.mark.django_db
def test_data_import_refused_once_the_cycle_is_calibrating(cycle):
    cycle.status = ReviewCycle.Status.CALIBRATING
    cycle.save()
    found = errors("results", [("E0001", "代码交付", "1", "", "")], cycle)
    assert found == [(0, "The cycle is “Calibrating”: data can be imported while it is draft or open.")]


@pytest.mark.django_db
def test_failed_import_changes_nothing(cycle):
    load("results", [("E0001", "代码交付", "95", "", "")], cycle)
    before = snapshot()
    with pytest.raises(ImportRefused):
        load("results", [("E0001", "代码交付", "50", "", ""), ("E0001", "nope", "1", "", "")], cycle)
    with pytest.raises(ImportRefused):
        apply_import("template", csv_bytes([TEMPLATE_ROWS[0]], header=TEMPLATE_HEADER), "t.csv")
    assert snapshot() == before


@pytest.mark.django_db
def test_commands_dry_run_and_errors(cycle, tmp_path, capsys):
    good = tmp_path / "results.csv"
    good.write_bytes(csv_bytes([("E0001", "代码交付", "95", "", "")], header=RESULTS_HEADER))
    call_command("import_results", "--cycle", "2023年Q3", str(good), "--dry-run")
    assert "would create 1" in capsys.readouterr().out and not KpiActual.objects.exists()
    call_command("import_results", "--cycle", "2023年Q3", str(good))
    assert KpiActual.objects.count() == 1
    bad = tmp_path / "reviews.csv"
    bad.write_bytes(
        csv_bytes(
            [("E0001", "L0001", "上级", "团队协作", "9", ""), ("E0001", "ZZ", "上级", "团队协作", "4", "")],
            header=REVIEWS_HEADER,
        )
    )
    with translation.override("en"), pytest.raises(CommandError, match="2 error"):
        call_command("import_reviews", "--cycle", "2023年Q3", str(bad))
    err = capsys.readouterr().err
    assert "reviews.csv: Line 2: Rating 9 must be a whole number from 1 to 5." in err
    assert "reviews.csv: Line 3: Unknown employee number ZZ." in err
    assert not Review360.objects.exists()
    with pytest.raises(CommandError, match="No review cycle"):
        call_command("import_evidence", "--cycle", "nope", str(good))


DEPT_HEADER = ["模板", "指标", "类型", "权重", "目标值", "适用部门"]


@pytest.mark.django_db
def test_template_for_departments_by_path(cycle, org):
    rows = [("通用岗", "重点工作完成率", "kpi", "100", "100", "星河测试/销售部")]
    apply_import("template", csv_bytes(rows, header=DEPT_HEADER), "t.csv")
    template = Template.objects.get(name="通用岗")
    assert list(template.departments.all()) == [org.sales]
    # 研发岗 was imported without the column: its positions are kept, and it has no departments.
    assert Template.objects.get(name="研发岗").positions.exists()


@pytest.mark.django_db
def test_template_departments_must_exist_and_belong_to_one_template(cycle, org):
    unknown = [("通用岗", "重点工作完成率", "kpi", "100", "100", "星河测试/宇宙部")]
    assert errors("template", unknown, None, header=DEPT_HEADER) == [
        (2, "Unknown department “星河测试/宇宙部”.")
    ]
    twice = [("甲岗", "甲", "kpi", "100", "1", "销售部"), ("乙岗", "乙", "kpi", "100", "1", "销售部")]
    assert errors("template", twice, None, header=DEPT_HEADER) == [
        (3, "A department is in two templates: “甲岗” and “乙岗”.")
    ]


@pytest.mark.django_db
def test_a_file_without_the_positions_column_keeps_the_positions(cycle):
    header = ["模板", "指标", "类型", "权重", "单位", "目标值", "方向", "封顶", "岗位要求"]
    rows = [r[:9] for r in TEMPLATE_ROWS]
    apply_import("template", csv_bytes(rows, header=header), "t.csv")
    assert list(Template.objects.get(name="研发岗").positions.values_list("name", flat=True)) == ["工程师"]


@pytest.mark.django_db
def test_a_fill_in_row_left_blank_is_skipped_and_said(cycle):
    rows = [("E0001", "代码交付", "", "", ""), ("E0001", "缺陷率", "2", "", "")]
    with translation.override("en"):
        plan = plan_import("results", csv_bytes(rows, header=RESULTS_HEADER), "r.csv", cycle=cycle)
        summary = plan.summary()
    assert plan.ok and summary["to_create"] == 1
    assert "1 row without values was skipped." in summary["notes"]
