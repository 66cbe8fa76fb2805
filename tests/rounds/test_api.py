"""Online reviews over the API, as scripts and browsers call it (CSRF enforced, token and session)."""

import pytest
from django.urls import reverse

from perfloop.rounds.models import ReviewForm
from tests.api.conftest import send

pytestmark = pytest.mark.django_db


def self_form(round_, org):
    return ReviewForm.objects.get(round=round_, employee=org.employee, relation="self")


def test_the_reviews_one_owes_and_saving_then_submitting_one(round_, org, setup, api_client):
    client = api_client("employee")
    status, owed = send(client, "get", reverse("api:reviews_owed"))
    form = self_form(round_, org)
    assert status == 200 and form.pk in [row["id"] for row in owed]
    url = reverse("api:review_form_save", args=[form.pk])
    body = {"answers": [{"indicator": setup.communication.pk, "rating": 4, "comment": "按时同步进展"}]}
    status, saved = send(client, "put", url, body)
    assert status == 200 and saved["status"] == "draft"
    status, refused = send(client, "put", url, {**body, "submit": True})
    assert status == 400 and "协作" in refused["detail"]
    body["answers"].append({"indicator": setup.teamwork.pk, "rating": 5})
    status, done = send(client, "put", url, {**body, "submit": True})
    assert status == 200 and done["status"] == "submitted"
    status, again = send(client, "put", url, {**body, "submit": True})
    assert status == 409


def test_nobody_else_reads_or_writes_someones_form(round_, org, api_client):
    form = self_form(round_, org)
    for role in ("other_employee", "other_manager", "hr_out_of_scope"):
        client = api_client(role)
        assert send(client, "get", reverse("api:review_form", args=[form.pk]))[0] == 404
        assert send(client, "put", reverse("api:review_form_save", args=[form.pk]), {})[0] == 404
    # The manager reads the self-assessment (the employee's view) once submitted, never writes it.
    manager = api_client("manager")
    assert send(manager, "get", reverse("api:review_form", args=[form.pk]))[0] == 404  # a draft is theirs
    ReviewForm.objects.filter(pk=form.pk).update(status="submitted")
    assert send(manager, "get", reverse("api:review_form", args=[form.pk]))[0] == 200
    assert send(manager, "put", reverse("api:review_form_save", args=[form.pk]), {})[0] == 403


def test_a_rating_out_of_range_is_a_422_with_the_reason(round_, org, setup, api_client):
    url = reverse("api:review_form_save", args=[self_form(round_, org).pk])
    status, body = send(
        api_client("employee"), "put", url, {"answers": [{"indicator": setup.communication.pk, "rating": 7}]}
    )
    assert status == 422 and body


def test_proposing_deciding_and_following_progress(round_, org, setup, api_client):
    employee = api_client("employee")
    status, nomination = send(employee, "post", reverse("api:round_nominate", args=[round_.pk]),
                              {"employee": org.employee.pk, "reviewer": setup.peers[0].pk})  # fmt: skip
    assert status == 201 and nomination["status"] == "proposed"
    status, refused = send(employee, "post", reverse("api:round_nominate", args=[round_.pk]),
                           {"employee": org.employee.pk, "reviewer": org.lead.pk})  # fmt: skip
    assert status == 400 and "李组长" in refused["detail"]
    manager = api_client("manager")
    status, decided = send(
        manager, "post", reverse("api:nomination_decide", args=[nomination["id"]]), {"decision": "approve"}
    )
    assert status == 200 and decided["status"] == "approved"
    status, again = send(
        manager, "post", reverse("api:nomination_decide", args=[nomination["id"]]), {"decision": "approve"}
    )
    assert status == 409
    status, progress = send(manager, "get", reverse("api:round_progress", args=[round_.pk]) + "?by=person")
    assert status == 200 and progress["submitted"] == 0 and progress["total"] > 0
    names = {row["name"] for row in progress["rows"]}
    assert "刘洋" in names and "孙经理" not in names  # the manager's line only


def test_hr_reminds_closes_and_gives_a_review_back_over_the_api(round_, org, setup, company_hr, api_client):
    org.users["company_hr"] = company_hr  # a role of this test's organisation, for api_client
    hr = api_client("company_hr")
    form = self_form(round_, org)
    answers = {str(setup.communication.pk): {"rating": 4, "comment": "按时同步进展"},
               str(setup.teamwork.pk): {"rating": 3, "comment": ""}}  # fmt: skip
    ReviewForm.objects.filter(pk=form.pk).update(status="submitted", answers=answers, answered=2)
    status, reminded = send(hr, "post", reverse("api:round_remind", args=[round_.pk]))
    assert status == 200 and reminded["notified"] > 0
    status, back = send(
        hr, "post", reverse("api:review_form_reopen", args=[form.pk]), {"reason": "请补充事例"}
    )
    assert status == 200 and back["status"] == "draft"
    form.refresh_from_db()
    assert form.reopened_reason == "请补充事例"
    assert send(api_client("manager"), "post", reverse("api:round_close", args=[round_.pk]))[0] == 404
    status, closed = send(hr, "post", reverse("api:round_close", args=[round_.pk]))
    assert status == 200 and closed["counted"] == 0  # nothing submitted any more
    status, _ = send(hr, "post", reverse("api:round_remind", args=[round_.pk]))
    assert status == 409


def test_hr_opens_a_round_over_the_api_checked_as_the_page_checks(setup, org, company_hr, api_client):
    org.users["company_hr"] = company_hr
    hr = api_client("company_hr")
    body = {"cycle": setup.cycle.pk, "relations": ["self", "manager", "peer"], "opens_on": "2026-12-01",
            "deadline": "2026-11-20"}  # fmt: skip
    status, refused = send(hr, "post", reverse("api:rounds_open"), body)
    assert status == 400 and refused["detail"]
    status, opened = send(hr, "post", reverse("api:rounds_open"), {**body, "deadline": "2026-12-20"})
    assert status == 201 and opened["forms"] == ReviewForm.objects.filter(round_id=opened["id"]).count() > 0
    assert send(hr, "post", reverse("api:rounds_open"), {**body, "deadline": "2026-12-20"})[0] == 409
    assert send(api_client("manager"), "post", reverse("api:rounds_open"), body)[0] == 403
