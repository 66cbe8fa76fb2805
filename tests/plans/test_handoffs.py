"""The loop's hand-offs as links: from a result to its conversation and to an improvement plan,
from a held conversation to the plan, from a cycle to its feedback overview, for those who may
take the step only."""

import re

import pytest
from django.urls import reverse

from perfloop.reviews.models import Result

pytestmark = pytest.mark.django_db


def steps(client, url) -> dict[str, str]:
    html = client.get(url).content.decode()
    return dict(
        (key, href) for href, key in re.findall(r'<a class="btn btn-sm btn-outline-primary" href="([^"]+)" data-testid="action-([\w-]+)"', html)
    )  # fmt: skip


def test_a_published_result_leads_to_its_conversation_and_to_a_plan(in_feedback, org, client_for):
    result = Result.objects.get(cycle=in_feedback, employee=org.employee)
    page = reverse("reviews:result_detail", args=[result.pk])
    manager = steps(client_for("manager"), page)
    assert manager["conversation"] == reverse("feedback:cycle", args=[in_feedback.pk])  # none yet: prepare it
    assert manager["plan-from-result"] == f"{reverse('plans:new')}?employee={org.employee.employee_no}"
    assert "plan-from-result" not in steps(client_for("employee"), page)  # nobody drafts their own plan
    assert steps(client_for("other_manager"), page) == {}  # not their team: the page itself is refused


def test_a_held_conversation_leads_to_the_plan_drafted_from_it(plan, record, org, client_for):
    page = reverse("feedback:record", args=[record.pk])
    assert steps(client_for("manager"), page)["plan-from-record"] == plan.get_absolute_url()
    result_page = reverse("reviews:result_detail", args=[record.result_id])
    found = steps(client_for("manager"), result_page)
    assert found["conversation"] == page and found["plan-from-result"] == plan.get_absolute_url()


def test_a_cycle_leads_to_its_feedback_overview_once_published(cycle, in_feedback, org, client_for):
    page = reverse("reviews:cycle_detail", args=[in_feedback.pk])
    assert steps(client_for("hr_in_scope"), page)["feedback-overview"] == reverse(
        "feedback:cycle", args=[in_feedback.pk]
    )
    in_feedback.status = "calibrating"
    in_feedback.save(update_fields=["status"])
    assert "feedback-overview" not in steps(client_for("hr_in_scope"), page)
