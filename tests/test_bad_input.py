"""Nonsense in URLs and parameters gets a 4xx (or is ignored), never a 500, on either database."""

import pytest

HUGE = "9" * 25

API = [
    f"/api/v1/employees?department={HUGE}",
    f"/api/v1/employees?manager=-{HUGE}",
    f"/api/v1/employees?page={HUGE}",
    "/api/v1/employees?page_size=100000",
    "/api/v1/employees?q=%00",
    f"/api/v1/employees/{HUGE}",
    f"/api/v1/results/{HUGE}",
    f"/api/v1/cycles/{HUGE}/results",
    f"/api/v1/cycles/1/results?page={HUGE}",
]
PAGES = [
    f"/org/employees/{HUGE}/",
    f"/org/?department={HUGE}",
    f"/org/?page={HUGE}",
    "/org/?q=%00",
    "/org/team/?q=%00",
    f"/reviews/results/{HUGE}/",
    f"/reviews/cycles/{HUGE}/team/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", API)
def test_api_answers_4xx_with_a_reason(org, client_for, url):
    response = client_for("hr_in_scope").get(url)
    assert 400 <= response.status_code < 500, response.status_code
    assert response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_pages_do_not_fail(org, client_for, url):
    assert client_for("manager").get(url).status_code in (200, 302, 403, 404)


@pytest.mark.django_db
@pytest.mark.parametrize("cycle", ["abc", "", HUGE, "-1"])
def test_upload_with_a_nonsense_cycle(org, client_for, cycle):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for("hr_in_scope").post(
        "/imports/upload/results/", {"target": cycle, "file": SimpleUploadedFile("r.csv", b"a,b\n1,2\n")}
    )
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/v1/cycles", "{not json"),
        ("/api/v1/cycles", '{"name": "x", "start_date": "2024-02-30", "end_date": "2024-03-01"}'),
        (
            "/api/v1/cycles",
            '{"name": "' + "长" * 101 + '", "start_date": "2024-01-01", "end_date": "2024-03-01"}',
        ),
        ("/api/v1/results/1/calibration", "[]"),
    ],
)
def test_api_refuses_malformed_bodies(org, client_for, url, body):
    response = client_for("hr_in_scope").post(url, body, content_type="application/json")
    assert 400 <= response.status_code < 500, response.status_code
