"""The stored agenda equals the agenda computed from the plans' data after every kind of write, and
as the days pass; every write of a plan makes the next reader compute it again."""

import datetime as dt

import pytest
from django.utils import timezone

from perfloop.plans import editing, lifecycle
from perfloop.plans.models import Plan
from perfloop.plans.tracking import agenda, closing, progress, services
from perfloop.plans.tracking.models import AgendaItem, AgendaState
from tests.plans.factories import MilestoneFactory, PlanFactory

pytestmark = pytest.mark.django_db


def stored(plan, today, ahead=14):
    return [(i.plan_id, i.kind, i.what, i.due, i.overdue if today == timezone.localdate() else None)
            for i in agenda.due(Plan.objects.filter(pk=plan.pk), today, ahead=ahead)]  # fmt: skip


def computed(plan, today, ahead=14):
    return [(i["plan"].pk, i["kind"], i["what"], i["due"], i["overdue"] if today == timezone.localdate() else None)
            for i in progress.agenda(list(Plan.objects.filter(pk=plan.pk)), today, ahead=ahead)]  # fmt: skip


def rows(plan):
    return list(
        AgendaItem.objects.filter(plan=plan)
        .order_by("pk")
        .values_list("plan_id", "kind", "what", "due", "missed")
    )


def same(plan, today=None):
    today = today or timezone.localdate()
    for ahead in (0, 14):
        assert stored(plan, today, ahead) == computed(plan, today, ahead)


def test_stored_agenda_equals_a_recount_after_every_kind_of_write(following, org):
    plan, goal = following
    manager, today = org.user("manager"), timezone.localdate()
    same(plan)
    assert AgendaState.objects.filter(plan=plan).exists()
    writes = [
        lambda: editing.add_milestone(
            plan=plan,
            by=manager,
            title="一周内78分",
            due=today + dt.timedelta(days=5),
            goal_id=goal.pk,
            expected=78,
            reason="加一个里程碑",
        ),  # fmt: skip
        lambda: services.record_checkin(
            plan=plan, by=manager, held_on=today, kind="brief", today=today, readings=[(goal.pk, 70, "")]
        ),  # fmt: skip
        lambda: editing.update(plan=plan, by=manager, reason="改为每两周", brief_every="two_weeks"),
        lambda: editing.mark_support(support=plan.support.get(), by=manager, status="done"),
        lambda: services.confirm_reading(
            reading=services.add_reading(
                goal=goal,
                by=org.user("employee"),
                taken_on=today - dt.timedelta(days=2),
                value=80,
                today=today,
            ),
            by=manager,
        ),  # fmt: skip
        lambda: editing.remove_item(
            item=plan.milestones.order_by("pk").first(), by=manager, reason="不再需要"
        ),
    ]
    for write in writes:
        before = rows(plan)
        write()
        assert not AgendaState.objects.filter(plan=plan).exists()  # the write itself marked it stale
        same(plan)
        assert rows(plan) == [
            (p.pk, *rest) for p, *rest in progress.upcoming([Plan.objects.get(pk=plan.pk)], today)
        ]
        assert rows(plan) != before  # each of these writes changes what the plan has coming
    closing.close(plan=Plan.objects.get(pk=plan.pk), by=manager, result="met", today=today, reason="目标达成")
    assert stored(plan, today) == computed(plan, today) == []  # a closed plan has no agenda


def test_a_milestone_passing_is_known_the_day_after_without_a_write(following, org):
    plan, goal = following
    today = timezone.localdate()
    MilestoneFactory(plan=plan, goal=goal, title="三天后80分", due=today + dt.timedelta(days=3), expected=80)
    same(plan)
    assert AgendaState.objects.get(plan=plan).until == today + dt.timedelta(days=3)
    for days in (3, 4, 20):
        later = today + dt.timedelta(days=days)
        same(plan, later)
    assert ("milestone", "三天后80分") in {
        (k, w) for _p, k, w, _d, _o in stored(plan, today + dt.timedelta(days=4), 0)
    }


def test_a_plan_that_becomes_active_is_on_the_agenda_at_once(org, plan):
    manager, employee = org.user("manager"), org.user("employee")
    plan.goals.update(means="每周2次学习", deadline=plan.end_date)
    lifecycle.submit(plan=plan, by=manager)
    assert stored(plan, timezone.localdate()) == []
    lifecycle.acknowledge(plan=Plan.objects.get(pk=plan.pk), by=employee)
    same(plan)


def test_many_plans_are_one_refresh_and_then_one_query(org, django_assert_max_num_queries):
    today = timezone.localdate()
    plans = [
        PlanFactory(employee=org.employee, owner=org.user("manager"), status="active",
                    start_date=today - dt.timedelta(days=30), end_date=today + dt.timedelta(days=30))
        for _ in range(30)
    ]  # fmt: skip
    for plan in plans:
        MilestoneFactory(plan=plan, title="里程碑", due=today - dt.timedelta(days=1))
    every = Plan.objects.filter(pk__in=[p.pk for p in plans])
    with django_assert_max_num_queries(14):
        first = list(agenda.due(every, today))
    with django_assert_max_num_queries(2):
        assert list(agenda.due(every, today)) == first
    assert len(first) == 60  # an overdue weekly check-in and a passed milestone each


def test_the_plan_page_computes_the_status_from_what_it_loaded_as_the_reminders_do(following, org):
    from perfloop.plans import selectors
    from perfloop.plans.tracking import ui
    from tests.followup.factories import CheckInFactory, ReadingFactory

    plan, goal = following
    today = timezone.localdate()
    CheckInFactory(plan=plan, held_on=today - dt.timedelta(days=10), kind="formal")
    ReadingFactory(
        goal=goal, taken_on=today - dt.timedelta(days=3), value=70, confirmed_by=org.user("manager")
    )
    loaded = selectors.plan_for(org.user("manager"), plan.pk)

    class Request:
        user = org.user("manager")

    section = ui._section(Request, loaded)
    assert section["state"] == progress.status_of(plan, today)
    assert section["state"].status == "off_track"  # the milestone of yesterday missed: 70 < 75
