import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from perfloop.api.models import ApiToken


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("hr_in_scope", "/"),
        ("hr_in_scope", "/org/"),
        ("hr_in_scope", "/api/v1/me"),
        ("anonymous", "/accounts/login/"),
    ],
)
def test_pages_and_api_answers_are_not_stored_and_carry_a_csp(org, client_for, role, url):
    response = client_for(role).get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp


@pytest.mark.django_db
def test_exports_are_not_stored(org, client_for):
    from tests.reviews.walk import cycle_with_result

    cycle, _result = cycle_with_result(org)
    response = client_for("hr_in_scope").get(f"/reviews/cycles/{cycle.pk}/team.xlsx")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    token = ApiToken.issue(org.user("hr_in_scope"))
    from django.test import Client

    api = Client(headers={"Authorization": f"Bearer {token}"})
    assert "no-store" in api.get(f"/api/v1/cycles/{cycle.pk}/results").headers["Cache-Control"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("back", "expected"),
    [
        ("https://evil.example/", "/imports/"),
        ("//evil.example/x", "/imports/"),
        ("/\\evil.example", "/imports/"),
        ("javascript:alert(1)", "/imports/"),
        ("http://testserver/reviews/templates/", "/imports/"),
        ("/reviews/templates/", "/reviews/templates/"),
    ],
)
def test_upload_goes_back_only_to_a_page_of_this_site(org, client_for, back, expected):
    response = client_for("hr_in_scope").post(
        "/imports/upload/org/", {"file": SimpleUploadedFile("empty.csv", b""), "back": back}
    )
    assert response.status_code == 302 and response["Location"] == expected
