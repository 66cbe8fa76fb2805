"""The imports page as a new HR user meets it: every kind on one page, a fill-in file made from
this organisation, a preview of the rows with their errors, and a way back to the cycle."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from perfloop.reviews.models import KpiActual, ReviewCycle
from tests.reviews.conftest import cycle  # noqa: F401  (shared review fixture)


def read_xlsx(content: bytes) -> list[list]:
    return CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_one_imports_page_offers_every_kind_with_a_cycle_picker(cycle, browser_like):  # noqa: F811
    ReviewCycle.objects.create(
        name="2022年Q4", start_date="2022-10-01", end_date="2022-12-31", status="closed"
    )
    page = browser_like("hr_in_scope").get("/imports/").content.decode()
    for kind in ("org", "template", "results", "reviews", "evidence"):
        assert f'data-testid="upload-{kind}"' in page, kind
    assert page.count(f'<option value="{cycle.pk}">2023年Q3</option>') == 3  # one picker per cycle kind
    assert "2022年Q4" not in page  # a closed cycle takes no data


@pytest.mark.django_db
def test_fill_in_file_lists_people_in_scope_and_their_indicators_then_imports(cycle, org, browser_like):  # noqa: F811
    client = browser_like("hr_in_scope")
    response = client.get(f"/imports/fill-in/results.xlsx?target={cycle.pk}")
    assert response.status_code == 200
    rows = read_xlsx(response.content)
    assert rows[0][:5] == ["工号", "姓名", "指标", "单位", "实际值"]
    listed = {(r[0], r[2]) for r in rows[1:]}
    # HR over 研发中心 gets its people with the template's KPIs, nobody from sales, never a competency.
    assert listed == {(no, k) for no in ("M0001", "L0001", "E0001") for k in ("代码交付", "缺陷率")}
    # HR types two values and leaves the other rows blank.
    filled = [rows[0]] + [
        r[:4] + [{"代码交付": 96, "缺陷率": 1.5}[r[2]]] + r[5:] if r[0] == "E0001" else r for r in rows[1:]
    ]
    page = client.submit(
        "/imports/",
        "/imports/upload/results/",
        {"target": cycle.pk, "file": SimpleUploadedFile("fill.xlsx", xlsx(filled))},
        follow=True,
    ).content.decode()
    assert "2 values for 1 people: 2 new, 0 changed, 0 unchanged." in page
    assert "4 rows without values were skipped." in page
    assert (
        '<td class="text-nowrap">E0001</td><td class="text-nowrap">代码交付</td><td class="text-nowrap">96</td>'
        in page.split('data-testid="import-preview"')[1]
    )
    assert not KpiActual.objects.exists()  # a preview changes nothing
    record_url = page.split('action="/imports/')[1].split('"')[0]
    page = client.submit(f"/imports/{record_url.split('/')[0]}/", f"/imports/{record_url}", {}, follow=True)
    assert KpiActual.objects.filter(employee=org.employee).count() == 2
    assert f'href="/reviews/cycles/{cycle.pk}/" data-testid="import-back"' in page.content.decode()


@pytest.mark.django_db
def test_the_preview_shows_each_row_with_its_errors(cycle, browser_like):  # noqa: F811
    rows = [["工号", "指标", "实际值"], ["E0001", "代码交付", 90], ["X9", "代码交付", 80]]
    page = (
        browser_like("hr_in_scope")
        .submit(
            f"/reviews/cycles/{cycle.pk}/",
            "/imports/upload/results/",
            {"target": cycle.pk, "file": SimpleUploadedFile("r.xlsx", xlsx(rows))},
            follow=True,
        )
        .content.decode()
    )
    assert 'data-testid="import-status">Refused' in page
    preview = page.split('data-testid="import-preview"')[1]
    # The problem beside the line number, before the row's cells (readable on a phone).
    assert (
        '<tr class="table-danger"><td>3</td><td class="problem-cell"><div>Unknown employee number X9.</div></td><td class="text-nowrap">X9</td>'
        in preview
    )
    assert '<td>2</td><td class="problem-cell">—</td><td class="text-nowrap">E0001</td>' in preview


@pytest.mark.django_db
def test_a_cycle_outside_the_choices_is_refused(cycle, browser_like):  # noqa: F811
    closed = ReviewCycle.objects.create(
        name="旧周期", start_date="2022-10-01", end_date="2022-12-31", status="closed"
    )
    client = browser_like("hr_in_scope")
    assert client.get(f"/imports/fill-in/results.xlsx?target={closed.pk}").status_code == 404
    response = client.submit(
        "/imports/",
        "/imports/upload/results/",
        {"target": closed.pk, "file": SimpleUploadedFile("r.csv", b"a,b\n1,2\n")},
    )
    assert response.status_code == 404
