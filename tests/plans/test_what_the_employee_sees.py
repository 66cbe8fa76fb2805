"""The employee sees a plan from the moment it is sent, nothing before; a plan is drafted only from
a published result and a held conversation, so it never shows what the employee may not see yet."""

import pytest

from perfloop.feedback import services as feedback
from perfloop.plans.models import Plan
from perfloop.reviews.models import ReviewCycle
from tests.api.conftest import send
from tests.plans.conftest import END, START

pytestmark = pytest.mark.django_db


def _body(org, **sources):
    return {"employee": org.employee.pk, "title": "改进计划", "start_date": str(START), "end_date": str(END),
            **sources}  # fmt: skip


@pytest.mark.parametrize("status", ["open", "calibrating"])
def test_a_result_still_being_calibrated_gives_no_plan(in_feedback, org, api_client, status):
    ReviewCycle.objects.filter(pk=in_feedback.pk).update(status=status)
    result = in_feedback.results.get(employee=org.employee)
    answer = send(api_client("manager"), "post", "/api/v1/plans", _body(org, result=result.pk))
    assert answer[0] == 409 and "该结果尚未发布" in answer[1]["detail"]
    assert not Plan.objects.exists()


def test_requests_of_a_conversation_not_held_are_not_copied_into_a_plan(in_feedback, org, api_client):
    planned = feedback.start(cycle=in_feedback, employee=org.employee, by=org.user("manager"))
    feedback.add_request(record=planned, by=org.user("manager"), kind="training", text="参加产品培训")
    answer = send(api_client("manager"), "post", "/api/v1/plans",
                  _body(org, feedback=planned.pk, chosen=[f"request:{planned.requests.get().pk}"]))  # fmt: skip
    assert answer[0] == 409 and "反馈面谈尚未进行" in answer[1]["detail"]
    assert not Plan.objects.exists()


def test_a_draft_is_not_on_the_employees_home_nor_in_their_list(plan, org, api_client, browser_like):
    assert "刘洋的绩效改进计划" not in browser_like("employee").get("/").content.decode()
    assert send(api_client("employee"), "get", "/api/v1/plans")[1]["items"] == []
    assert [p["id"] for p in send(api_client("manager"), "get", "/api/v1/plans")[1]["items"]] == [plan.pk]
