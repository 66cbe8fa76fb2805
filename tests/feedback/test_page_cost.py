"""The feedback pages cost the same queries and rows for 110 people as for 330."""

import pytest

from perfloop.api.models import ApiToken
from perfloop.feedback.models import Appeal, FeedbackRecord
from perfloop.reviews.models import Result
from tests.test_page_cost import add_people, costs_of, scored_department


def give_records(org, cycle):
    """A record for everyone with a result (every third one held) and an appeal on each (so every list fills its page)."""
    results = Result.objects.filter(cycle=cycle).exclude(
        pk__in=FeedbackRecord.objects.filter(cycle=cycle).values("result_id")
    )
    records = FeedbackRecord.objects.bulk_create(
        FeedbackRecord(
            cycle=cycle,
            employee_id=r.employee_id,
            result=r,
            holder=org.user("manager"),
            status="held" if r.pk % 3 == 0 else "planned",
            strengths="交付按时",
        )
        for r in results
    )
    Appeal.objects.bulk_create(Appeal(record=r, reason="不同意") for r in records)


def measure(org, cycle):
    token = ApiToken.issue(org.user("hr_in_scope"))
    record = FeedbackRecord.objects.filter(cycle=cycle).exclude(employee=org.employee).order_by("pk").first()
    pages = {
        ("manager", "/"),
        ("manager", "/feedback/"),
        ("manager", f"/feedback/cycles/{cycle.pk}/"),
        ("hr_in_scope", f"/feedback/cycles/{cycle.pk}/"),
        ("hr_in_scope", "/feedback/appeals/"),
        ("hr_in_scope", f"/feedback/{record.pk}/"),
        ("manager", f"/feedback/{record.pk}/pack/"),
        ("manager", f"/feedback/{record.pk}/meeting/"),
        ("token", "/api/v1/feedback"),
        ("token", "/api/v1/appeals"),
        ("token", f"/api/v1/feedback/{record.pk}"),
    }
    return costs_of(org, pages, token, lambda url: url.replace(str(record.pk), "<record>"))


@pytest.mark.django_db
def test_feedback_pages_cost_the_same_for_110_and_330_people(org):
    department, kpi, cycle = scored_department(org)
    add_people(org, department, kpi, cycle, 110, 0)
    give_records(org, cycle)
    small = measure(org, cycle)
    add_people(org, department, kpi, cycle, 220, 110)
    give_records(org, cycle)
    large = measure(org, cycle)
    grown = {page: (small[page], large.get(page)) for page in small if large.get(page) != small[page]}
    assert not grown, grown
