import datetime as dt

import pytest
from django.utils import translation

from perfloop.org.importing import ImportRefused, apply_org_import, plan_org_import
from perfloop.org.models import Department, Employee, Position
from tests.org.helpers import HEADER_EN, csv_bytes, xlsx_bytes

GOOD_ROWS = [
    ("N001", "周总", "新公司", "总经理", "", "2015-03-01", "zhou@example.com"),
    ("N002", "吴总监", "新公司/研发部", "研发总监", "N001", dt.date(2018, 7, 15), "wu@example.com"),
    ("N003", "郑工", "新公司/研发部/后端组", "工程师", "N002", "2021/9/1", ""),
    ("N004", "冯工", "新公司/研发部/后端组", "工程师", "N003", "2022年3月5日", ""),
]


def snapshot():
    """Everything an import may touch, to prove a refused import changed nothing."""
    return (
        list(Employee.objects.order_by("pk").values()),
        list(Department.objects.order_by("pk").values()),
        list(Position.objects.order_by("pk").values_list("name", flat=True)),
        Employee.history.count(),
        Department.history.count(),
    )


def messages(plan):
    return [(e.line, e.message) for e in plan.errors]


@pytest.mark.django_db
def test_good_xlsx_with_chinese_headers_creates_tree_and_reporting_line(org):
    plan = apply_org_import(xlsx_bytes(GOOD_ROWS), "org.xlsx", user=org.user("admin"))
    assert plan.ok and plan.to_create == 4
    feng = Employee.objects.select_related("department__parent__parent", "manager").get(employee_no="N004")
    assert feng.department.name == "后端组"
    assert feng.department.parent.name == "研发部" and feng.department.parent.parent.name == "新公司"
    assert feng.manager.employee_no == "N003"
    assert feng.hire_date == dt.date(2022, 3, 5)
    top = Employee.objects.get(employee_no="N001")
    # N004 is three levels under N001: the reporting line path says so.
    assert feng.manager_path.startswith(top.reports_prefix)
    assert feng.manager_path.count("/") - top.reports_prefix.count("/") == 2
    assert Position.objects.filter(name="研发总监").exists()
    created = Employee.history.filter(employee_no="N004").get()
    assert created.history_type == "+" and created.history_user == org.user("admin")
    assert created.manager_id == feng.manager_id


@pytest.mark.django_db
def test_csv_with_english_headers_and_gbk_encoding(org):
    content = csv_bytes(GOOD_ROWS[:2], header=HEADER_EN, encoding="gb18030")
    plan = apply_org_import(content, "org.csv")
    assert plan.ok
    assert Employee.objects.get(employee_no="N002").manager.name == "周总"


@pytest.mark.django_db
def test_existing_employee_is_updated_and_subtree_moves(org):
    # Move the lead (and so the employee under them) from the manager to the other manager.
    rows = [("L0001", "李组长", "星河测试/销售部", "组长", "M0002", "", "")]
    plan = apply_org_import(csv_bytes(rows), "move.csv")
    assert (plan.to_create, plan.to_update) == (0, 1)
    org.employee.refresh_from_db()
    org.other_manager.refresh_from_db()
    assert org.employee.manager_path.startswith(org.other_manager.reports_prefix)
    lead = Employee.objects.get(employee_no="L0001")
    assert lead.department == org.sales
    assert lead.history.count() == 2


@pytest.mark.django_db
def test_reimport_of_same_data_counts_unchanged(org):
    apply_org_import(xlsx_bytes(GOOD_ROWS), "org.xlsx")
    plan = plan_org_import(xlsx_bytes(GOOD_ROWS), "org.xlsx")
    assert (plan.to_create, plan.to_update, plan.unchanged) == (0, 0, 4)


BAD_ROWS = [
    (("", "无号", "新公司", "", "", "", ""), "Employee number is missing."),
    (("B1", "", "新公司", "", "", "", ""), "Name is missing."),
    (("B2", "无部门", "", "", "", "", ""), "Department is missing."),
    (
        ("B3", "甲", "新公司", "", "ZZZ", "", ""),
        "Manager ZZZ is neither in the file nor in the organisation.",
    ),
    (("B4", "乙", "新公司", "", "B4", "", ""), "An employee cannot be their own manager."),
    (
        ("B5", "丙", "新公司", "", "", "yesterday", ""),
        "Hire date “yesterday” is not a date; write it as 2024-03-01.",
    ),
    (("B6", "丁", "新公司", "", "", "", "not-an-email"), "Email “not-an-email” is not a valid address."),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_each_kind_of_bad_row_is_reported_with_its_line(org, row, message):
    good = ("G1", "好人", "新公司", "", "", "", "")
    with translation.override("en"):
        plan = plan_org_import(csv_bytes([good, row]), "bad.csv")
    assert messages(plan) == [(3, message)]


@pytest.mark.django_db
def test_duplicate_number_and_cycle_are_reported(org):
    rows = [
        ("D1", "甲", "新公司", "", "D2", "", ""),
        ("D2", "乙", "新公司", "", "D1", "", ""),
        ("D1", "丙", "新公司", "", "", "", ""),
    ]
    with translation.override("en"):
        plan = plan_org_import(csv_bytes(rows), "bad.csv")
    assert (4, "Employee number D1 appears twice (also on line 2).") in messages(plan)
    assert any("cycle" in m and "D1 → D2 → D1" in m for _, m in messages(plan))


@pytest.mark.django_db
def test_cycle_through_existing_organisation(org):
    # The manager would report to the employee, who is already under the manager.
    rows = [("M0001", "陈志强", "星河测试/研发中心", "", "E0001", "", "")]
    with translation.override("en"):
        plan = plan_org_import(csv_bytes(rows), "cycle.csv")
    assert [m for _, m in messages(plan)] == [
        "The reporting line forms a cycle: M0001 → E0001 → L0001 → M0001."
    ]


@pytest.mark.django_db
def test_errors_are_in_the_users_language(org):
    with translation.override("zh-hans"):
        plan = plan_org_import(csv_bytes([("", "无号", "新公司", "", "", "", "")]), "bad.csv")
    assert messages(plan) == [(2, "缺少工号。")]


@pytest.mark.django_db
def test_ambiguous_department_name_asks_for_full_path(org):
    DepartmentFactory = Department.objects.create
    DepartmentFactory(name="后端组", parent=org.sales)
    with translation.override("en"):
        plan = plan_org_import(csv_bytes([("A1", "甲", "后端组", "", "", "", "")]), "a.csv")
    assert "exists in several places" in plan.errors[0].message


@pytest.mark.django_db
def test_hr_cannot_import_outside_their_scope(org):
    rows = [("S9", "新销售", "星河测试/销售部", "", "", "", "")]
    with translation.override("en"):
        refused = plan_org_import(csv_bytes(rows), "s.csv", user=org.user("hr_in_scope"))
        allowed = plan_org_import(csv_bytes(rows), "s.csv", user=org.user("hr_out_of_scope"))
    assert messages(refused) == [(2, "Department “星河测试/销售部” is outside your HR scope.")]
    assert allowed.ok


@pytest.mark.django_db
def test_a_wrong_top_department_is_named_with_the_one_expected(org):
    rows = [("S9", "新销售", "星河集团/销售部", "", "", "", "")]
    with translation.override("en"):
        refused = plan_org_import(csv_bytes(rows), "s.csv", user=org.user("hr_out_of_scope"))
    assert messages(refused) == [
        (
            2,
            "There is no top department “星河集团”: the organisation's is “星河测试”. Write the path from it, e.g. 星河测试/销售部.",
        )
    ]


@pytest.mark.django_db
def test_failed_import_changes_nothing(org):
    before = snapshot()
    rows = [*GOOD_ROWS, ("N005", "错", "新公司", "", "NOPE", "", "")]
    with pytest.raises(ImportRefused) as refused:
        apply_org_import(xlsx_bytes(rows), "org.xlsx")
    assert len(refused.value.plan.errors) == 1
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "empty.xlsx", "The file is empty."),
        (b"\x00\x01garbage\xff" * 20, "org.xlsx", "The file is not a valid XLSX workbook."),
        (b"PK\x03\x04 broken zip", "org.xlsx", "The file is not a valid XLSX workbook."),
        (
            b"foo,bar\n1,2\n",
            "org.csv",
            "Missing columns: 工号/employee_no, 姓名/name, 部门/department.",
        ),
        ("工号,姓名,部门\n".encode(), "org.csv", "The file has a header but no data rows."),
    ],
)
def test_broken_files_get_a_clear_message(org, content, filename, message):
    before = snapshot()
    with translation.override("en"):
        plan = plan_org_import(content, filename)
    assert len(plan.errors) == 1 and plan.errors[0].line == 0
    assert plan.errors[0].message.startswith(message)
    assert snapshot() == before


@pytest.mark.django_db
def test_an_optional_mobile_column_is_read_and_checked(org):
    header = ["工号", "姓名", "部门", "岗位", "直属上级工号", "入职日期", "邮箱", "手机"]
    rows = [(*GOOD_ROWS[0], "138-0000-0000"), (*GOOD_ROWS[1], "")]
    plan = apply_org_import(xlsx_bytes(rows, header=header), "org.xlsx", user=org.user("admin"))
    assert plan.ok
    assert dict(Employee.objects.filter(employee_no__in=["N001", "N002"]).values_list("employee_no", "mobile")) == {
        "N001": "13800000000", "N002": "",
    }  # fmt: skip
    with translation.override("en"):
        refused = plan_org_import(xlsx_bytes([(*GOOD_ROWS[0], "call me")], header=header), "org.xlsx")
    assert messages(refused) == [(2, "Mobile number “call me” is not a phone number.")]
