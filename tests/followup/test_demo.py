"""The demo company shows the whole loop: a plan under way and off track with a change since, a
plan met with a raise candidate checked by HR and its lessons, a plan not met and extended."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from perfloop.insights.models import Lesson
from perfloop.plans import teams
from perfloop.plans.models import Adjustment, Plan
from perfloop.plans.tracking import progress
from perfloop.plans.tracking.models import Closure


@pytest.mark.django_db
def test_the_demo_shows_the_whole_loop(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    # Every state; the second draft is the extension (the closed quarters' plans are history).
    statuses = sorted(Plan.objects.exclude(cycle__status="closed").values_list("status", flat=True))
    assert statuses == ["active", "closed", "closed", "closing", "draft", "draft"]
    (under_way,) = Plan.objects.filter(status="active", employee__isnull=False)
    assert under_way.checkins.count() == 2 and under_way.checkins.exclude(corrections="").exists()
    state = progress.status_of(under_way, timezone.localdate())
    assert state.status == "off_track" and state.reasons[0].code == "milestone_missed"
    assert Adjustment.objects.get(plan=under_way).reason == "两次回顾进度都落后，增加每周复盘"

    # The team plan on the last closed quarter's common problem, under way with its first check-in;
    # the demo employee has an action on it, and the quarter since shows the team's figure.
    (team,) = Plan.objects.filter(department__isnull=False)
    assert team.status == "active" and team.cycle.status == "closed" and team.checkins.count() == 1
    assert team.actions.filter(assignee__user__username="employee").exists()
    assert (
        Plan.objects.visible_to(team.actions.get(assignee__user__username="employee").assignee.user)
        .filter(pk=team.pk)
        .exists()
    )
    [figure] = teams.figures(team)
    assert figure["goal"].baseline == figure["cycles"][0][2] and figure["latest"] > figure["cycles"][0][2]

    met, extended = (
        Closure.objects.exclude(outcome="").exclude(plan__cycle__status="closed").order_by("result")
        .select_related("extension")
    )  # fmt: skip
    assert (met.result, met.outcome, met.checked_at is not None) == ("met", "raise_candidate", True)
    assert (extended.result, extended.outcome) == ("not_met", "extend")
    assert extended.extension.status == "draft" and extended.extension.goals.count() == 1
    assert set(Lesson.objects.values_list("sharing", flat=True)) == {"company", "department"}
