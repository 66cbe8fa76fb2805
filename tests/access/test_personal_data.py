"""A person's data on request: HR in scope exports everything PerfLoop holds about one person as a
ZIP of JSON and XLSX, and the person downloads their own; each export is a logged private read."""

import io
import json
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from perfloop.access.models import PrivateRead
from perfloop.feedback import services as feedback
from perfloop.plans.models import Plan
from perfloop.reviews.models import Review360, ReviewCycle
from tests.feedback.conftest import held

pytestmark = pytest.mark.django_db


def _opened(response) -> tuple[dict, object]:
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = {n[:-5]: json.loads(archive.read(n)) for n in archive.namelist() if n.endswith(".json")}
    return data, load_workbook(io.BytesIO(archive.read("data.xlsx")), read_only=True)


def test_hr_exports_everything_about_a_person(record, following, org, client_for):
    held(record, org, strengths='=HYPERLINK("x") 沟通清晰')
    feedback.dispute(record=record, by=org.user("employee"), reason="评价不符合事实")
    response = client_for("hr_in_scope").get(reverse("access:personal_data", args=[org.employee.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    data, workbook = _opened(response)
    assert data["profile"][0]["employee_no"] == "E0001" and data["about"]["for_self"] is False
    assert data["results"] and data["ratings_received"] and data["evidence"]
    assert all("reviewer" not in row and "rater" not in row for row in data["ratings_received"])
    assert data["feedback_records"][0]["dispute_reason"] == "评价不符合事实" and data["appeals"]
    assert [p["title"] for p in data["plans"]] == ["产品知识提升"] and data["goals"]
    sheet = workbook["feedback_records"]
    header, first = (list(r) for r in sheet.iter_rows(max_row=2))
    cell = first[[c.value for c in header].index("strengths")]
    assert cell.value == '=HYPERLINK("x") 沟通清晰' and cell.data_type == "s"  # text, never a formula
    read = PrivateRead.objects.get(reader=org.user("hr_in_scope"))
    assert (read.employee, read.what) == (org.employee, "personal")
    # Not their managers', nor an HR of another department's, nor an administrator's.
    for role in ("manager", "hr_out_of_scope", "admin", "other_employee"):
        assert client_for(role).get(reverse("access:personal_data", args=[org.employee.pk])).status_code in (
            403,
            404,
        )


def test_a_person_downloads_their_own_as_they_may_see_it(record, org, client_for, scored):
    Plan.objects.create(employee=org.employee, owner=org.user("manager"), title="还没发出的草稿",
                        start_date="2023-10-16", end_date="2023-12-15")  # fmt: skip
    page = client_for("employee").get(reverse("org:employee_detail", args=[org.employee.pk])).content.decode()
    assert 'data-testid="personal-data"' in page
    ReviewCycle.objects.filter(pk=record.cycle_id).update(status="calibrating")  # results not published
    data, _workbook = _opened(
        client_for("employee").get(reverse("access:personal_data", args=[org.employee.pk]))
    )
    assert data["about"]["for_self"] is True
    assert data["results"] == [] and data["ratings_received"] == [] and data["plans"] == []
    assert data["feedback_records"] == []  # a conversation not held yet
    assert Review360.objects.filter(employee=org.employee).exists()
    assert not PrivateRead.objects.exists()  # one's own data is no private read
