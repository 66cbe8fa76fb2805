"""What HR and managers do to plans on the pages, by a script: goals and items taken off, a draft
withdrawn, drafting in bulk from a template and undoing it, templates listed and removed."""

import datetime as dt

import pytest

from perfloop.plans.models import Action, Goal, Plan, PlanTemplate
from perfloop.reviews.models import Result, ReviewCycle
from tests.api.conftest import api_client, send  # noqa: F401  (CSRF-enforcing bearer/session clients)
from tests.plans.factories import ActionFactory, GoalFactory, PlanFactory
from tests.plans.test_services import template

pytestmark = pytest.mark.django_db


def test_a_manager_takes_things_off_a_draft_then_withdraws_it(org, api_client):  # noqa: F811
    plan = PlanFactory(employee=org.employee, owner=org.user("manager"))
    goal, action = GoalFactory(plan=plan), ActionFactory(plan=plan)
    manager = api_client("manager")
    assert send(api_client("employee"), "delete", f"/api/v1/plans/{plan.pk}/goals/{goal.pk}")[0] in (403, 404)
    status, body = send(manager, "delete", f"/api/v1/plans/{plan.pk}/goals/{goal.pk}")
    assert status == 200 and body["goals"] == [] and not Goal.objects.exists()
    status, body = send(manager, "delete", f"/api/v1/plans/{plan.pk}/items/action/{action.pk}")
    assert status == 200 and not Action.objects.exists()
    status, _ = send(manager, "post", f"/api/v1/plans/{plan.pk}/withdraw", {})
    assert status == 204 and not Plan.objects.exists()  # never sent: deleted


def test_a_sent_draft_is_cancelled_with_the_reason_the_employee_reads(org, api_client):  # noqa: F811
    plan = PlanFactory(
        employee=org.employee, owner=org.user("manager"), first_sent_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC)
    )
    manager = api_client("manager")
    status, refused = send(manager, "post", f"/api/v1/plans/{plan.pk}/withdraw", {})
    assert status == 400 and refused["detail"]
    status, body = send(
        manager, "post", f"/api/v1/plans/{plan.pk}/withdraw", {"reason": "目标定错了，重新起草"}
    )
    assert status == 200 and body["status"] == "cancelled"


def test_hr_drafts_in_bulk_then_undoes_it(scored, org, api_client):  # noqa: F811
    Result.objects.filter(cycle=scored, employee=org.employee).update(band="needs_improvement")
    ReviewCycle.objects.filter(pk=scored.pk).update(status="feedback")
    used = template(org)
    hr = api_client("hr_in_scope")
    body = {
        "cycle": scored.pk,
        "template": used.pk,
        "bands": ["needs_improvement"],
        "start_date": "2026-01-05",
    }
    status, dry = send(hr, "post", "/api/v1/plan-bulk-runs", {**body, "dry_run": True})
    assert (
        status == 200
        and dry == {"drafted": 1, "already_planned": 0, "run_id": None}
        and not Plan.objects.exists()
    )
    status, done = send(hr, "post", "/api/v1/plan-bulk-runs", body)
    assert status == 200 and done["drafted"] == 1 and Plan.objects.get().employee == org.employee
    assert send(api_client("manager"), "post", f"/api/v1/plan-bulk-runs/{done['run_id']}/undo")[0] == 403
    status, undone = send(hr, "post", f"/api/v1/plan-bulk-runs/{done['run_id']}/undo")
    assert status == 200 and undone == {"deleted": 1, "kept": 0} and not Plan.objects.exists()
    status, listed = send(hr, "get", "/api/v1/plan-templates")
    assert status == 200 and [t["name"] for t in listed] == [used.name]
    status, _ = send(hr, "delete", f"/api/v1/plan-templates/{used.pk}")
    assert status == 204 and not PlanTemplate.objects.exists()


def test_hr_writes_a_plan_template_over_the_api(org, api_client):  # noqa: F811
    hr = api_client("hr_in_scope")
    body = {
        "name": "能力不足：专项学习", "root_cause": "skills", "indicator_name": "产品知识", "weeks": 6,
        "goals": [{"description": "使{indicator}从{baseline}提升至{target}", "metric": "{indicator}"}],
        "actions": ["每周学习一章"], "support": [{"kind": "mentor", "text": "资深同事带教", "owner": "王经理"}],
    }  # fmt: skip
    status, made = send(hr, "post", "/api/v1/plan-templates", body)
    assert status == 201 and made["weeks"] == 6 and made["support"][0]["owner"] == "王经理"
    assert send(hr, "post", "/api/v1/plan-templates", body)[0] == 409  # the name is taken
    status, changed = send(
        hr, "put", f"/api/v1/plan-templates/{made['id']}", {**body, "weeks": 8, "actions": []}
    )
    assert (
        status == 200 and PlanTemplate.objects.get().weeks == 8 and PlanTemplate.objects.get().actions == []
    )
    assert send(api_client("manager"), "post", "/api/v1/plan-templates", {**body, "name": "x"})[0] == 403
