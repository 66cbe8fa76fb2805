"""The API as an integrator meets it: a Python client generated from the OpenAPI schema by
openapi-python-client, every read called as HR and as a manager on real records, and one write
per stage, each answer parsed into the generated model it declares. A schema whose component
names clash, or a download described as JSON, fails here as it failed integrators.

The generator knows JSON, text and `application/octet-stream`; like any integrator, the test maps
our documents' own media types onto bytes (docs/api.md says so)."""

import datetime as dt
import functools
import importlib
import json
import subprocess
import sys

import httpx
import icalendar
import pytest
from django.core.handlers.wsgi import WSGIHandler
from openapi_python_client.utils import snake_case

from perfloop.api.api import api
from perfloop.api.models import ApiToken
from perfloop.directory.models import SyncRun
from perfloop.plans.tracking.models import Closure
from tests.api.test_fuzz import tokens  # noqa: F401  (in-process requests keep the test's transaction)
from tests.api.test_fuzz_on_real_records import real  # noqa: F401  (ids of real records)
from tests.plans.factories import PlanFactory
from tests.webhooks.factories import WebhookFactory

GENERATOR_CONFIG = {
    "content_type_overrides": {
        "application/pdf": "application/octet-stream",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "application/octet-stream",
    }
}
# Reads a role may be refused, each with its reason; any other refusal fails the test.
REFUSED = {
    # A draft is its writer's own: HR reads a form once it is submitted.
    ("hr_in_scope", "reviewForm"),
    # HR's views and settings: the candidates for promotion or a raise, the departments report,
    # the notification rules, the delivery log and the group-chat robots.
    ("manager", "cycleCandidates"),
    ("manager", "deliveries"),
    ("manager", "robots"),
    ("manager", "reportDepartments"),
    ("manager", "notificationRules"),
    # A cycle's scoring settings and the plan templates: HR's to set.
    ("manager", "cycleSettings"),
    ("manager", "planTemplates"),
    # Training sessions: HR's to plan and fill.
    ("manager", "trainingSessions"),
    ("manager", "trainingSession"),
    ("manager", "trainingEnrolments"),
}
# Administrators' alone (and the directory sync company-wide HR's): read by an administrator below.
ADMINS = {"webhooks", "webhookDeliveries", "directorySyncs", "directorySync", "hrScopes", "signinMethods"}
REFUSED |= {(role, name) for role in ("hr_in_scope", "manager") for name in ADMINS}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The client package, generated once from the schema this code serves."""
    where = tmp_path_factory.mktemp("client")
    (where / "schema.json").write_text(json.dumps(schema()))
    (where / "config.json").write_text(json.dumps(GENERATOR_CONFIG))
    subprocess.run(
        [sys.executable, "-m", "openapi_python_client", "generate", "--path", where / "schema.json",
         "--config", where / "config.json", "--meta", "none", "--output-path", where / "perfloop_client"],
        check=True, capture_output=True,
    )  # fmt: skip
    sys.path.insert(0, str(where))
    yield importlib.import_module("perfloop_client")
    sys.path.remove(str(where))


def client_for(generated, user):
    """A generated client that signs in with the user's token and reaches this process's app."""
    return generated.AuthenticatedClient(
        base_url="http://localhost",
        token=ApiToken.issue(user),
        raise_on_unexpected_status=True,
        httpx_args={"transport": httpx.WSGITransport(app=WSGIHandler())},
    )


@functools.cache
def schema() -> dict:
    return api.get_openapi_schema()  # built once: building it costs a good part of a second


def operation(generated, method, path):
    op = schema()["paths"][path][method]
    module = f"{generated.__name__}.api.{snake_case(op['tags'][0])}.{snake_case(op['operationId'])}"
    return op["operationId"], importlib.import_module(module)


def reads():
    return [path for path, ops in schema()["paths"].items() if "get" in ops]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["hr_in_scope", "manager"])
def test_every_read_is_parsed_into_its_model(generated, org, real, role):  # noqa: F811
    ids, _ = real
    # The plan of the records is active: a closure is read on a closed plan of 刘洋's.
    closed = PlanFactory(employee=org.employee, owner=org.user("manager"), status="closed")
    Closure.objects.create(plan=closed, result="met", suggested="met", closed_by=org.user("manager"))
    ids = {**ids, **admins_ids(org)}
    errors = importlib.import_module(f"{generated.__name__}.models.error_out").ErrorOut
    client = client_for(generated, org.user(role))
    answered, refused = {}, set()
    for path in reads():
        name, module = operation(generated, "get", path)
        arguments = {p: ids[p] for p in module.sync_detailed.__code__.co_varnames if p.endswith("_id")}
        if "employee" in module.sync_detailed.__code__.co_varnames:  # whose, for one with no employee
            arguments["employee"] = ids["employee_id"]
        if name == "planClosure":
            arguments["plan_id"] = closed.pk
        response = module.sync_detailed(client=client, **arguments)
        if (role, name) in REFUSED and response.status_code in (403, 404):
            assert isinstance(response.parsed, errors), name
            refused.add((role, name))
            continue
        assert response.status_code == 200, (name, response.status_code, response.content[:200])
        assert response.parsed is not None and not isinstance(response.parsed, errors), name
        answered[name] = response.parsed
    assert refused == {r for r in REFUSED if r[0] == role}
    assert len(answered) + len(refused) == len(reads())
    # Downloads arrive as what they are, not as text decoded from JSON.
    for name in ("planDocument", "feedbackDocument"):
        assert answered[name].payload.read(5) == b"%PDF-", name
    for name in ("planCheckins", "feedbackInvitation"):
        assert icalendar.Calendar.from_ical(answered[name]).get("VERSION") == "2.0", name
    plan = answered["plan"]
    assert plan.id == ids["plan_id"] and plan.goals[0].metric == "测试分数"


def admins_ids(org) -> dict:
    return {
        "webhook_id": WebhookFactory(created_by=org.user("admin")).pk,
        "run_id": SyncRun.objects.create(source="ldap", status="applied", counts={"added": 2}).pk,
    }


@pytest.mark.django_db
def test_an_administrator_reads_what_is_theirs_alone(generated, org, tokens):  # noqa: F811
    client = client_for(generated, org.user("admin"))
    ids = admins_ids(org)
    for path in reads():
        name, module = operation(generated, "get", path)
        if name in ADMINS:
            arguments = {p: ids[p] for p in module.sync_detailed.__code__.co_varnames if p.endswith("_id")}
            response = module.sync_detailed(client=client, **arguments)
            assert response.status_code == 200 and response.parsed is not None, name
    sync_run = operation(generated, "get", "/api/v1/directory/syncs/{run_id}")[1]
    assert sync_run.sync_detailed(client=client, run_id=ids["run_id"]).parsed.counts["added"] == 2


@pytest.mark.django_db
def test_a_write_per_stage_through_the_client(generated, org, real):  # noqa: F811
    ids, _ = real
    models = importlib.import_module(f"{generated.__name__}.models")
    manager, hr = client_for(generated, org.user("manager")), client_for(generated, org.user("hr_in_scope"))

    def call(client, method, path, **arguments):
        return operation(generated, method, path)[1].sync_detailed(client=client, **arguments).parsed

    cycle = call(hr, "post", "/api/v1/cycles", body=models.CycleIn(
        name="2024年H1", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 6, 30)))  # fmt: skip
    assert cycle.name == "2024年H1" and cycle.status == "draft"

    record = call(manager, "patch", "/api/v1/feedback/{record_id}", record_id=ids["record_id"],
                  body=models.RecordPatch(strengths="按时交付，主动同步风险"))  # fmt: skip
    assert record.strengths == "按时交付，主动同步风险"

    plan = call(manager, "patch", "/api/v1/plans/{plan_id}", plan_id=ids["plan_id"],
                body=models.PlanPatch(title="季度改进计划", reason="与员工商定"))  # fmt: skip
    assert plan.title == "季度改进计划"

    checkin = call(manager, "post", "/api/v1/plans/{plan_id}/checkins", plan_id=ids["plan_id"],
                   body=models.CheckInIn(held_on=dt.date(2023, 10, 23), notes="进展顺利"))  # fmt: skip
    assert checkin.notes == "进展顺利" and checkin.held_on == dt.date(2023, 10, 23)

    form = call(manager, "put", "/api/v1/reviews/forms/{form_id}", form_id=ids["form_id"],
                body=models.ReviewFormIn(overall="沟通及时"))  # fmt: skip
    assert form.overall == "沟通及时" and form.status == "draft"

    enrolled = call(hr, "put", "/api/v1/training/enrolments/{enrolment_id}/attendance",
                    enrolment_id=ids["enrolment_id"], body=models.AttendanceIn(attended=True))  # fmt: skip
    assert enrolled.attended is True

    recommended = call(manager, "post", "/api/v1/dossiers/{dossier_id}/recommendation", dossier_id=ids["dossier_id"],
                       body=models.RecommendationIn(recommendation=models.RecommendationInRecommendation("recommend"), text="连续三个季度超出目标"))  # fmt: skip
    assert recommended.recommendation == "recommend" and recommended.cycles[0].band == "excellent"

    marked = call(manager, "post", "/api/v1/notifications/read-all")
    assert marked.marked >= 0
