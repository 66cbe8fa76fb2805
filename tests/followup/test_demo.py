"""The demo company shows a plan under way: active, two check-ins, off track for a missed milestone."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from perfloop.followup import progress
from perfloop.plans.models import Plan


@pytest.mark.django_db
def test_the_demo_has_a_plan_under_way_and_off_track(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    statuses = {p.status for p in Plan.objects.all()}
    assert statuses == {"draft", "active"}
    (under_way,) = Plan.objects.filter(status="active")
    assert under_way.checkins.count() == 2 and under_way.checkins.exclude(corrections="").exists()
    state = progress.status_of(under_way, timezone.localdate())
    assert state.status == "off_track" and state.reasons[0].code == "milestone_missed"
