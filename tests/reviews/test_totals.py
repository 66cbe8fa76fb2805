"""A cycle's figures stored per department equal a recount of the people HR reaches, after every
kind of write: scoring, calibration, root causes, a person moving, a person leaving, a new
department — on both databases."""

import pytest
from django.utils import timezone

from perfloop.access.models import HRAssignment
from perfloop.org.models import Department, Employee
from perfloop.reviews import rules, selectors, services, totals
from perfloop.reviews.models import Result, ReviewCycle

pytestmark = pytest.mark.django_db


def recount(user, cycle) -> dict:
    results = rules.team_results(user, cycle)
    rows, pending = selectors.distribution(results)
    return {
        "bands": {r["band"]: r["count"] for r in rows if r["count"]},
        "pending": pending,
        "problems": selectors.common_problems(results),
        "causes": selectors.root_cause_counts(results),
    }


def stored(user, cycle) -> dict:
    found = totals.for_scope(user, cycle)
    assert found is not None
    return {
        "bands": {b: n for b, n in found["bands"].items() if n},
        "pending": found["pending"],
        "problems": selectors.problems_of(found["shortfalls"]),
        "causes": selectors.causes_of(found["causes"]),
    }


def same(org, cycle):
    for user in (org.user("hr_in_scope"), org.user("hr_out_of_scope"), company_hr(org)):
        user.__dict__.pop("_perfloop_roles", None)
        assert stored(user, cycle) == recount(user, cycle), user


def company_hr(org):
    from django.contrib.auth import get_user_model

    user, made = get_user_model().objects.get_or_create(username="company-hr")
    if made:
        HRAssignment.objects.create(user=user, department=org.company)
    return user


def test_totals_equal_a_recount_after_every_kind_of_write(scored, org):
    cycle = scored
    same(org, cycle)  # as scoring stored them

    ReviewCycle.objects.filter(pk=cycle.pk).update(status="calibrating")
    cycle.refresh_from_db()
    result = Result.objects.filter(cycle=cycle, complete=True).exclude(band="excellent").first()
    services.calibrate(result=result, band="excellent", reason="校准会议决定", by=org.user("hr_in_scope"))
    same(org, cycle)

    short = next(
        (r, item) for r in Result.objects.filter(cycle=cycle) for item in r.breakdown
        if item["score"] is not None and services.analysis.falls_short(item)
    )  # fmt: skip
    services.tag_root_cause(result=short[0], indicator_id=short[1]["indicator_id"], cause="skills", note="",
                            by=org.user("hr_in_scope"))  # fmt: skip
    same(org, cycle)

    Employee.objects.filter(pk=org.employee.pk).update(department=org.sales)  # a move, in bulk
    same(org, cycle)
    Employee.objects.filter(pk=org.lead.pk).update(status="left", left_on=timezone.localdate())
    same(org, cycle)
    Department.objects.create(name="新部门", parent=org.company)
    same(org, cycle)

    services.score_cycle(cycle=cycle)  # scored again: counted in the same pass
    same(org, cycle)


def test_hr_in_the_scope_they_read_does_not_count_themself(scored, org):
    HRAssignment.objects.create(user=org.user("employee"), department=org.backend)  # 刘洋 is HR of their team
    user = org.user("employee")
    assert stored(user, scored) == recount(user, scored)
    assert Result.objects.filter(cycle=scored, employee=org.employee).exists()
