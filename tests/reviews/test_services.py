"""Each write is one service that checks its own permission and status rules, whoever calls it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from perfloop.reviews.models import ReviewCycle
from perfloop.reviews.services import change_status, create_cycle, score_cycle

DATES = {"start_date": dt.date(2024, 1, 1), "end_date": dt.date(2024, 6, 30)}


@pytest.mark.django_db
def test_creating_a_cycle_is_hr_work_with_its_rules(org):
    with pytest.raises(PermissionDenied):
        create_cycle(name="2024年H1", kind="half_year", **DATES, by=org.user("manager"))
    cycle = create_cycle(name=" 2024年H1 ", kind="half_year", **DATES, by=org.user("hr_in_scope"))
    assert (cycle.name, cycle.status, cycle.created_by) == ("2024年H1", "draft", org.user("hr_in_scope"))
    with pytest.raises(ValidationError) as exists:
        create_cycle(name="2024年H1", kind="half_year", **DATES, by=org.user("hr_in_scope"))
    assert exists.value.code == "exists"
    with pytest.raises(ValidationError):
        create_cycle(
            name="倒序",
            kind="custom",
            start_date=DATES["end_date"],
            end_date=DATES["start_date"],
            by=org.user("hr_in_scope"),
        )
    assert ReviewCycle.objects.count() == 1


@pytest.mark.django_db
def test_status_changes_and_scoring_check_who_asks_and_when(org):
    cycle = create_cycle(name="2024年H1", kind="half_year", **DATES, by=org.user("hr_in_scope"))
    with pytest.raises(PermissionDenied):
        change_status(cycle=cycle, to="open", by=org.user("manager"))
    with pytest.raises(ValidationError):
        score_cycle(cycle=cycle, by=org.user("hr_in_scope"))  # still a draft
    cycle = change_status(cycle=cycle, to="open", by=org.user("hr_in_scope"))
    with pytest.raises(PermissionDenied):
        score_cycle(cycle=cycle, by=org.user("employee"))
    assert score_cycle(cycle=cycle, by=org.user("hr_in_scope")) == 0  # no template applies yet
