"""Plans over the API, as a script (bearer token) and as a browser (session + CSRF token)."""

import io
import subprocess

import docx
import icalendar
import pytest

from perfloop.access.models import PrivateRead
from tests.api.conftest import send
from tests.plans.conftest import (
    END,
    START,
    ready,  # noqa: E402
)
from tests.plans.smart_cases import GUIDE

pytestmark = pytest.mark.django_db


def test_a_plan_from_draft_to_active_through_the_api(record, org, api_client):
    manager, employee = api_client("manager"), api_client("employee")
    body = {
        "employee": org.employee.pk,
        "title": "刘洋的绩效改进计划",
        "start_date": START.isoformat(),
        "end_date": END.isoformat(),
        "result": record.result_id,
        "feedback": record.pk,
        "chosen": [f"request:{r.pk}" for r in record.requests.all()],
        "brief_every": "two_weeks",
        "brief_minutes": 20,
    }
    assert send(employee, "post", "/api/v1/plans", body)[0] == 403  # nobody drafts their own plan
    status, plan = send(manager, "post", "/api/v1/plans", body)
    assert (
        status == 201 and plan["status"] == "draft" and plan["unmet"] == ["计划还没有目标。"]
    )  # in the default language
    assert [s["kind"] for s in plan["support"]] == ["budget"] and plan["actions"][0]["owner"] == "manager"
    assert plan["brief_every"] == "two_weeks" and plan["check_ins"][0] == {
        "kind": "brief", "on": "2023-10-30", "minutes": 20,
    }  # fmt: skip
    url = f"/api/v1/plans/{plan['id']}"

    # A goal typed as a sentence: parsed, confirmed, added.
    status, parsed = send(
        manager, "post", "/api/v1/goals/parse", {"text": GUIDE["text"], "today": "2023-10-16"}
    )
    assert status == 200 and parsed["missing"] == ["R"] and parsed["deadline"] == "2023-11-16"
    goal = {k: parsed[k] for k in ("metric", "unit", "baseline", "target", "direction", "means", "deadline")}
    status, plan = send(
        manager, "post", f"{url}/goals", {"description": GUIDE["text"], **goal, "deadline": None}
    )
    assert status == 201 and plan["goals"][0]["missing"] == ["R", "T"]
    assert send(manager, "post", f"{url}/submit")[0] == 400  # a goal without a deadline
    status, plan = send(
        manager, "patch", f"{url}/goals/{plan['goals'][0]['id']}", {"deadline": goal["deadline"]}
    )
    assert status == 200 and plan["goals"][0]["letters"]["T"] and plan["unmet"] == []
    assert plan["goals"][0]["target"] in ("85.00", 85)

    status, plan = send(
        manager, "post", f"{url}/actions", {"text": "完成5个客户案例分析", "due": "2023-11-30"}
    )
    assert status == 201 and len(plan["actions"]) == 2
    status, plan = send(
        manager,
        "post",
        f"{url}/support",
        {"kind": "mentor", "text": "每周辅导", "owner_name": "HR", "person": "王工"},
    )
    assert status == 201 and [s["person"] for s in plan["support"]] == ["", "王工"]
    assert (
        send(manager, "post", f"{url}/milestones", {"title": "2周内完成前3章", "due": "2024-01-01"})[0] == 400
    )
    status, plan = send(
        manager, "post", f"{url}/milestones", {"title": "2周内完成前3章", "due": "2023-10-30", "expected": 3}
    )
    assert status == 201 and plan["milestones"][0]["title"] == "2周内完成前3章"

    # Not sent yet: the draft is not the employee's to see (a plan is theirs from the moment it is sent).
    assert send(employee, "get", url)[0] == 404
    assert send(employee, "post", f"{url}/acknowledge")[0] == 404
    assert send(manager, "post", f"{url}/submit")[1]["awaiting_employee"] is True
    assert send(employee, "post", f"{url}/goals", {"description": "x"})[0] == 403
    status, plan = send(employee, "post", f"{url}/comment", {"text": "希望增加导师", "disagrees": True})
    assert status == 201 and plan["awaiting_employee"] is False and plan["comments"][0]["disagrees"]
    send(manager, "post", f"{url}/submit")
    status, plan = send(employee, "post", f"{url}/acknowledge")
    assert status == 200 and plan["status"] == "active" and plan["acknowledged_at"]
    mine = next(a for a in plan["actions"] if a["owner"] == "employee")
    status, plan = send(employee, "patch", f"{url}/actions/{mine['id']}", {"status": "done"})
    assert status == 200 and next(a for a in plan["actions"] if a["id"] == mine["id"])["status"] == "done"


def test_other_peoples_plans_are_not_found(plan, api_client):
    url = f"/api/v1/plans/{plan.pk}"
    for role in ("other_employee", "other_manager", "hr_out_of_scope", "admin"):
        client = api_client(role)
        assert send(client, "get", url)[0] == 404
        assert send(client, "post", f"{url}/comment", {"text": "x"})[0] == 404
        assert send(client, "get", "/api/v1/plans")[1]["items"] == []
    status, listed = send(api_client("manager"), "get", "/api/v1/plans?status=draft")
    assert status == 200 and [p["id"] for p in listed["items"]] == [plan.pk]


def test_hr_reading_a_plan_is_logged(plan, api_client):
    assert send(api_client("hr_in_scope"), "get", f"/api/v1/plans/{plan.pk}")[0] == 200
    assert send(api_client("manager"), "get", f"/api/v1/plans/{plan.pk}")[0] == 200  # the owner: not logged
    assert list(PrivateRead.objects.values_list("what", "ref")) == [("plan", f"plan:{plan.pk}")]


@pytest.mark.parametrize(
    "body",
    [
        {"text": "x", "today": "2023-02-30"},
        {"text": "x", "lang": "fr"},
        {"text": "x" * 1001},
        {"text": "a\x00b"},
    ],
)
def test_the_parser_refuses_bad_input_with_a_reason(api_client, body):
    status, answer = send(api_client("employee"), "post", "/api/v1/goals/parse", body)
    assert status in (400, 422) and answer["detail"]


def test_documents_and_calendar_open_in_the_libraries_that_read_them(plan, org, api_client):
    ready(plan, org)  # sent to the employee
    client = api_client("employee")
    url = f"/api/v1/plans/{plan.pk}"
    response = client.get(f"{url}/document?format=docx", headers={"accept-language": "zh-hans"})
    assert response.status_code == 200
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
    assert "员工绩效改进计划" in text and "代码交付" in text
    response = client.get(f"{url}/document?format=pdf", headers={"accept-language": "en"})
    pages = subprocess.run(
        ["pdftotext", "-", "-"], input=response.content, capture_output=True, check=True
    ).stdout.decode()
    assert response["Content-Type"] == "application/pdf" and "Performance Improvement Plan" in pages
    assert "刘洋" in pages and "参加产品培训" in pages  # Chinese text rendered, not boxes

    calendar = icalendar.Calendar.from_ical(client.get(f"{url}/checkins.ics").content)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    brief, formal = events[f"brief-plan-{plan.pk}@perfloop"], events[f"formal-plan-{plan.pk}@perfloop"]
    assert brief["RRULE"]["FREQ"] == ["WEEKLY"] and formal["RRULE"]["FREQ"] == ["MONTHLY"]
    assert brief["RRULE"]["UNTIL"][0].date() >= END
    assert len(brief.get("ATTENDEE")) == 2
