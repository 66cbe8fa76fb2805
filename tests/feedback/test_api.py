"""The feedback stage over the API, as a script (bearer token) and as a browser (session + CSRF token)."""

import icalendar
import pytest

from tests.api.conftest import send  # noqa: E402

pytestmark = pytest.mark.django_db


def test_the_whole_conversation_through_the_api(in_feedback, org, api_client):
    manager, employee, hr = api_client("manager"), api_client("employee"), api_client("hr_in_scope")
    body = {"cycle": in_feedback.pk, "employee": org.employee.pk}
    assert send(employee, "post", "/api/v1/feedback", body)[0] == 403
    status, record = send(manager, "post", "/api/v1/feedback", body)
    assert status == 201 and record["status"] == "planned" and "产品知识" in record["improvements"]
    assert record["talking_points"]  # the pack, for the one holding the conversation
    assert send(manager, "post", "/api/v1/feedback", body)[0] == 409
    url = f"/api/v1/feedback/{record['id']}"

    status, record = send(
        manager,
        "patch",
        url,
        {"employee_view": "同意", "starts_at": "2023-10-09T10:00:00+08:00", "minutes": 30, "place": "3楼"},
    )
    assert status == 200 and record["employee_view"] == "同意" and record["duration_minutes"] == 30
    assert send(employee, "patch", url, {"employee_view": "我改"})[0] == 403
    status, mine = send(employee, "get", url)
    assert status == 200 and mine["talking_points"] is None and mine["employee_view"] == ""  # not held yet

    ics = manager.get(f"{url}/invitation.ics")
    (event,) = icalendar.Calendar.from_ical(ics.content).walk("VEVENT")
    assert str(event["LOCATION"]) == "3楼"

    assert send(manager, "post", f"{url}/held", {"held_on": "2023-10-09"})[1]["status"] == "held"
    assert send(manager, "post", f"{url}/acknowledge")[0] == 403  # only the employee answers
    status, answered = send(employee, "post", f"{url}/dispute", {"reason": "评分未考虑认证"})
    assert status == 200 and answered["status"] == "disputed" and answered["locked"]

    status, refused = send(manager, "patch", url, {"employee_view": "改写"})
    assert status == 409 and "修订" in refused["detail"]  # the reason, in the default language
    status, appeals = send(hr, "get", "/api/v1/appeals?status=open")
    assert status == 200 and appeals["count"] == 1 and appeals["items"][0]["name"] == "刘洋"
    appeal = appeals["items"][0]["id"]
    assert (
        send(manager, "post", f"/api/v1/appeals/{appeal}/resolve", {"outcome": "upheld", "note": "x"})[0]
        == 403
    )
    status, resolved = send(
        hr, "post", f"/api/v1/appeals/{appeal}/resolve", {"outcome": "amended", "note": "修订"}
    )
    assert status == 200 and resolved["status"] == "resolved"

    status, amended = send(
        manager,
        "post",
        f"{url}/amendments",
        {"field": "employee_view", "text": "同意，需要培训", "reason": "申诉后修订"},
    )
    assert status == 200 and amended["status"] == "held" and amended["amendments"][0]["old_text"] == "同意"
    assert send(employee, "post", f"{url}/acknowledge")[1]["status"] == "acknowledged"

    status, listed = send(hr, "get", f"/api/v1/feedback?cycle={in_feedback.pk}&status=acknowledged")
    assert [r["name"] for r in listed["items"]] == ["刘洋"]
    assert send(api_client("other_manager"), "get", url)[0] == 404
    assert send(api_client("admin"), "get", url)[0] == 404


def test_coach_over_the_api(org, api_client):
    status, body = send(
        api_client("manager"), "post", "/api/v1/coach", {"text": "你总是迟到。你太懒了。", "lang": "zh"}
    )
    assert status == 200
    assert [(f["rule"], f["start"], f["end"]) for f in body["findings"]] == [
        ("absolute", 1, 3),
        ("judgement", 8, 9),
    ]
    assert send(api_client("manager"), "post", "/api/v1/coach", {"text": "x", "lang": "fr"})[0] == 422


def test_a_refused_patch_changes_nothing(record, org, api_client):
    """Texts and a schedule in one PATCH: the schedule is refused (no place), so the texts stay too."""
    status, body = send(
        api_client("manager"),
        "patch",
        f"/api/v1/feedback/{record.pk}",
        {"employee_view": "新的看法", "starts_at": "2023-10-09T10:00:00+08:00", "place": ""},
    )
    assert status == 400
    record.refresh_from_db()
    assert record.employee_view == "" and record.starts_at is None


def test_the_meeting_cancelled_requests_noted_and_managers_reminded_over_the_api(record, org, api_client):
    manager, hr = api_client("manager"), api_client("hr_in_scope")
    url = f"/api/v1/feedback/{record.pk}"
    status, _ = send(
        manager, "patch", url, {"starts_at": "2026-12-10T10:00+08:00", "minutes": 45, "place": "3楼会议室"}
    )
    assert status == 200
    status, body = send(manager, "post", f"{url}/requests", {"kind": "training", "text": "数据分析培训"})
    assert status == 200 and [(r["kind"], r["text"]) for r in body["requests"]] == [
        ("training", "数据分析培训")
    ]
    status, body = send(manager, "delete", f"{url}/requests/{body['requests'][0]['id']}")
    assert status == 200 and body["requests"] == []
    assert send(api_client("employee"), "post", f"{url}/cancel")[0] in (403, 404)
    status, body = send(manager, "post", f"{url}/cancel")
    assert status == 200 and body["cancelled"]
    status, reminded = send(hr, "post", f"/api/v1/cycles/{record.cycle_id}/feedback-reminders")
    # In scope without a conversation: 李组长 (陈志强 reminded) and 陈志强 (his manager cannot sign in).
    assert status == 200 and reminded == {"reminded": 1, "without_manager": 1}, reminded
    assert send(manager, "post", f"/api/v1/cycles/{record.cycle_id}/feedback-reminders")[0] == 403
