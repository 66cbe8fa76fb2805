import json
from collections import defaultdict

import pytest
from django.core.management import call_command
from django.test import Client

from perfloop.api.models import ApiToken
from perfloop.reviews.models import ReviewCycle


def numbers(response):
    return sorted(item["employee_no"] for item in response.json()["items"])


@pytest.mark.django_db
def test_manager_lists_their_subtree_only(org, client_for):
    response = client_for("manager").get("/api/v1/employees")
    assert response.status_code == 200
    assert numbers(response) == ["E0001", "L0001", "M0001"]
    assert response.json()["count"] == 3


@pytest.mark.django_db
def test_hr_out_of_scope_sees_nothing_of_that_department(org, client_for):
    client = client_for("hr_out_of_scope")
    assert "E0001" not in numbers(client.get("/api/v1/employees"))
    assert client.get(f"/api/v1/employees?department={org.rd.pk}").status_code == 404
    assert client.get(f"/api/v1/employees/{org.employee.pk}").status_code == 404
    names = [d["name"] for d in client.get("/api/v1/departments").json()]
    assert "研发中心" not in names and "后端组" not in names and "销售部" in names


@pytest.mark.django_db
def test_filters_department_manager_and_q(org, client_for):
    client = client_for("admin")
    assert numbers(client.get(f"/api/v1/employees?department={org.backend.pk}")) == ["E0001", "L0001"]
    assert numbers(client.get(f"/api/v1/employees?manager={org.ceo.pk}")) == ["M0001", "M0002"]
    assert numbers(client.get("/api/v1/employees?q=刘")) == ["E0001"]


@pytest.mark.django_db
def test_pagination(org, client_for):
    body = client_for("admin").get("/api/v1/employees?page=2&page_size=4").json()
    assert body["count"] == 6 and len(body["items"]) == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["page=abc", "page=0", "department=x", "status=gone", "manager=1.5", "q=" + "长" * 101]
)
def test_malformed_parameters_get_422_with_a_reason(org, client_for, query):
    response = client_for("admin").get(f"/api/v1/employees?{query}")
    assert response.status_code == 422
    assert response.json()["detail"] == "请求参数无效。"
    assert response.json()["errors"]


@pytest.mark.django_db
def test_anonymous_gets_401(org, client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert "detail" in response.json()


@pytest.mark.django_db
def test_bearer_token_from_issue_token(org, client, capsys):
    call_command("issue_token", "employee")
    token = capsys.readouterr().out.strip()
    assert token.startswith("pl_")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "employee"
    assert body["employee"]["employee_no"] == "E0001"
    assert body["roles"] == {"employee": True, "manager": False, "hr": False, "admin": False}
    # Only the hash is stored.
    assert not ApiToken.objects.filter(key_hash=token).exists()
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.django_db
def test_wrong_token_is_refused(org, client):
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer pl_wrong"})
    assert response.status_code == 401


@pytest.mark.django_db
def test_a_session_write_without_the_csrf_token_is_refused(org):
    client = Client(enforce_csrf_checks=True)
    client.force_login(org.user("hr_in_scope"))
    data = {"name": "2024年H1", "start_date": "2024-01-01", "end_date": "2024-06-30"}
    response = client.post("/api/v1/cycles", json.dumps(data), content_type="application/json")
    assert response.status_code == 403
    assert not ReviewCycle.objects.exists()


@pytest.mark.django_db
def test_a_bad_token_with_no_session_is_401_not_a_csrf_failure(org):
    client = Client(enforce_csrf_checks=True, headers={"Authorization": "Bearer pl_wrong"})
    response = client.post("/api/v1/cycles", "{}", content_type="application/json")
    assert response.status_code == 401


@pytest.mark.django_db
def test_every_api_write_takes_a_bearer_token_without_csrf(org, client):
    """Walk every unsafe operation of the OpenAPI schema as a script would call it."""
    from tests.reviews.walk import cycle_with_result

    cycle, result = cycle_with_result(org)
    ids = {"cycle_id": cycle.pk, "result_id": result.pk, "kind": "results", "employee_id": org.employee.pk}
    token = ApiToken.issue(org.user("hr_in_scope"))
    script = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {token}"})
    writes = [
        (method, path)
        for path, operations in client.get("/api/v1/openapi.json").json()["paths"].items()
        for method in operations
        if method in ("post", "put", "patch", "delete")
    ]
    assert len(writes) >= 3
    for method, path in writes:
        url = path.format_map(defaultdict(lambda: 1, ids))  # ids the walk has no object for: 1
        response = getattr(script, method)(url, "{}", content_type="application/json")
        assert response.status_code != 403 or "CSRF" not in response.content.decode(), (method, path)
        assert response.status_code != 401, (method, path)
        assert response.status_code < 500, (method, path)


@pytest.mark.django_db
def test_openapi_describes_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/me",
        "/api/v1/employees",
        "/api/v1/employees/{employee_id}",
        "/api/v1/departments",
        "/api/v1/cycles",
        "/api/v1/cycles/{cycle_id}/results",
        "/api/v1/results/{result_id}",
        "/api/v1/cycles/{cycle_id}/imports/{kind}",
        "/api/v1/results/{result_id}/calibration",
    } <= set(paths)
