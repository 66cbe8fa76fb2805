"""Hostile and oversized files are refused before parsing, the same on the page, the API and commands."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation
from openpyxl import Workbook

from perfloop.api.models import ApiToken
from perfloop.documents.tables import Column, TableError, read_table
from perfloop.imports.models import Import
from perfloop.org.importing import plan_org_import
from perfloop.org.models import Employee
from perfloop.reviews.importing import plan_import
from perfloop.reviews.models import KpiActual
from tests.org.helpers import csv_bytes, xlsx_bytes
from tests.reviews.conftest import RESULTS_HEADER, cycle  # noqa: F401

COLUMNS = [Column("no", ("工号", "no")), Column("name", ("姓名", "name"), max_length=5)]


def dimension_bomb() -> bytes:
    """A few KB declaring a sheet of 16,384 × 1,048,576 cells: one cell at XFD1048576."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["工号", "姓名"])
    sheet["XFD1048576"] = 1
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb(inflated: int = 8 * 1024 * 1024) -> bytes:
    """A valid workbook whose shared strings inflate from a few KB to `inflated` bytes."""
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([("E1", "张三", "总部")])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            out.writestr(item, source.read(item))
        out.writestr("xl/padding.xml", b" " * inflated)
    return buffer.getvalue()


def message(content, filename="f.xlsx", columns=COLUMNS):
    with translation.override("en"), pytest.raises(TableError) as refused:
        read_table(content, filename, columns)
    return str(refused.value)


def test_dimension_bomb_is_refused_naming_the_bound():
    content = dimension_bomb()
    assert len(content) < 10_000
    assert (
        message(content) == "The sheet has 1,048,576 rows; at most 300,000 data rows can be imported at once."
    )


def test_a_wide_sheet_is_refused(settings):
    settings.PERFLOOP_IMPORT_MAX_ROWS = 10**7
    assert message(dimension_bomb()) == "The sheet has 16,384 columns; at most 100 are read."


def test_zip_bomb_is_refused_by_its_ratio():
    assert "compressed more than 100 to 1" in message(zip_bomb())


def test_inflated_size_is_bounded(settings):
    settings.PERFLOOP_IMPORT_MAX_RATIO = 10**6
    settings.PERFLOOP_IMPORT_MAX_UNCOMPRESSED = 4 * 1024 * 1024
    assert message(zip_bomb()) == "The file inflates to more than 4 MB; it was not opened."


def test_rows_are_bounded_in_csv_and_xlsx(settings):
    settings.PERFLOOP_IMPORT_MAX_ROWS = 5
    rows = [(f"E{i}", "张三") for i in range(10)]
    expected = "at most 5 data rows can be imported at once"
    assert expected in message(csv_bytes(rows, header=["工号", "姓名"]), "f.csv")
    assert expected in message(xlsx_bytes(rows, header=["工号", "姓名"]))


def test_oversized_file_is_refused(settings):
    settings.PERFLOOP_IMPORT_MAX_BYTES = 1024 * 1024
    content = csv_bytes([("E1", "x" * 100)] * 20_000, header=["工号", "姓名"])
    assert message(content, "f.csv").startswith("The file is larger than 1 MB")


def test_duplicate_headers_are_refused():
    content = csv_bytes([("E1", "张三", "李四")], header=["工号", "姓名", "name"])
    assert message(content, "f.csv") == "Column 姓名/name appears 2 times in the header; keep one."


def test_nul_and_over_long_cells_are_row_errors():
    content = csv_bytes([("E\x001", "张三"), ("E2", "张三丰张三丰")], header=["工号", "姓名"])
    with translation.override("en"):
        rows = read_table(content, "f.csv", COLUMNS)
    assert rows[0].errors == ("工号/no holds a NUL character.",)
    assert rows[1].errors == ("姓名/name is longer than 5 characters.",)


@pytest.mark.django_db
def test_numbers_beyond_the_column_are_row_errors(cycle):  # noqa: F811
    rows = [
        ("E0001", "代码交付", "99999999999999", "", ""),
        ("E0001", "缺陷率", "1e400", "", ""),
        ("L0001", "代码交付", "95", "1e15", ""),
        ("L0001", "缺陷率", "95", "", "x" * 501),
    ]
    with translation.override("en"):
        plan = plan_import("results", csv_bytes(rows, header=RESULTS_HEADER), "r.csv", cycle=cycle)
    assert [(e["line"], e["message"]) for e in plan.summary()["errors"]] == [
        (2, "Actual value “99999999999999” is too large: it must be smaller than 10,000,000,000."),
        (3, "Actual value “1e400” is too large: it must be smaller than 10,000,000,000."),
        (4, "Target “1e15” is too large: it must be smaller than 10,000,000,000."),
        (5, "说明/note is longer than 500 characters."),
    ]


@pytest.mark.django_db
def test_nul_in_an_org_file_is_a_row_error(org):
    content = csv_bytes([("E9", "张\x00三", "星河测试", "", "", "", "")])
    with translation.override("en"):
        plan = plan_org_import(content, "org.csv")
    assert [(e.line, e.message) for e in plan.errors] == [(2, "姓名/name holds a NUL character.")]


# What each refusal names, in either language (the API answers in the user's language).
HOSTILE = {
    "dimension bomb": (dimension_bomb, "1,048,576"),
    "zip bomb": (zip_bomb, " 100 "),
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_workbooks_on_the_page_the_api_and_the_command(kind, cycle, org, tmp_path):  # noqa: F811
    make, expected = HOSTILE[kind]
    content = make()
    hr = Client()
    hr.force_login(org.user("hr_in_scope"))
    with translation.override("en"):
        page = hr.post("/imports/upload/org/", {"file": SimpleUploadedFile("org.xlsx", content)}, follow=True)
    assert page.status_code == 200
    assert expected in Import.objects.get().summary["errors"][0]["message"]

    token = ApiToken.issue(org.user("hr_in_scope"))
    script = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})
    response = script.post(
        f"/api/v1/cycles/{cycle.pk}/imports/results",
        {"file": SimpleUploadedFile("r.xlsx", content)},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 400
    assert expected in response.json()["errors"][0]["message"]

    path = tmp_path / "org.xlsx"
    path.write_bytes(content)
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_org", str(path))
    assert Employee.objects.count() == 6 and not KpiActual.objects.exists()


@pytest.mark.django_db
def test_oversized_file_on_the_page_the_api_and_the_command(settings, cycle, org, tmp_path):  # noqa: F811
    settings.PERFLOOP_IMPORT_MAX_BYTES = 1024
    content = csv_bytes([("E0001", "代码交付", "95", "", "x" * 400)] * 5, header=RESULTS_HEADER)
    hr = Client()
    hr.force_login(org.user("hr_in_scope"))
    page = hr.post(
        "/imports/upload/results/",
        {"file": SimpleUploadedFile("r.csv", content), "target": cycle.pk},
        headers={"Accept-Language": "en"},
        follow=True,
    )
    assert "The file is larger than" in page.content.decode()
    token = ApiToken.issue(org.user("hr_in_scope"))
    script = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})
    response = script.post(
        f"/api/v1/cycles/{cycle.pk}/imports/results", {"file": SimpleUploadedFile("r.csv", content)}
    )
    assert response.status_code == 413 and "MB" in response.json()["detail"]
    path = tmp_path / "r.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="MB"):
        call_command("import_results", "--cycle", cycle.name, str(path))
    assert not Import.objects.exists() and not KpiActual.objects.exists()


@pytest.mark.django_db
def test_over_long_org_fields_are_row_errors(org):
    rows = [
        ("E9", "张三", "星河测试/" + "部" * 101, "", "", "", ""),
        ("E10", "李四", "星河测试", "", "", "", "a" * 64 + "@" + ("b" * 60 + ".") * 3 + "example.com"),
    ]
    with translation.override("en"):
        plan = plan_org_import(csv_bytes(rows), "org.csv")
    assert [(e.line, e.message) for e in plan.errors] == [
        (2, "A department name is longer than 100 characters."),
        (3, "邮箱/email is longer than 254 characters."),
    ]
