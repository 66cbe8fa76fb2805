"""The follow-up agenda stored per plan: computed when a plan is written (or when a milestone's day
has passed), read by the follow-up page, its API and the reminders in one query however many plans
the reader follows, instead of computing the status of every plan in reach on every view.

Every write of a plan takes its row lock (`plans.guards.lock`), which calls `invalidate`; the next
reader refreshes what is stale under the same row locks, so a refresh never stores what a write
running beside it has changed.
"""

import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet

from perfloop.plans.models import Plan
from perfloop.plans.tracking import progress
from perfloop.plans.tracking.models import AgendaItem, AgendaState

FIELDS = ("id", "status", "title", "start_date", "end_date", "brief_every", "formal_every")


def invalidate(plan_id: int) -> None:
    """The plan is being written: its agenda is computed again by the next reader."""
    AgendaState.objects.filter(plan_id=plan_id).delete()


def _fresh(today: dt.date) -> QuerySet:
    return AgendaState.objects.filter(Q(until__isnull=True) | Q(until__gte=today)).values("plan_id")


def _stale(plans: QuerySet, today: dt.date) -> QuerySet:
    return plans.filter(status=Plan.Status.ACTIVE).exclude(pk__in=_fresh(today))


def refresh(plans: QuerySet, today: dt.date) -> None:
    """Compute again the agenda of the active plans among `plans` whose stored one is stale (a
    read-only check first: on SQLite a transaction would take the write lock)."""
    if not _stale(plans, today).exists():
        return
    with transaction.atomic():
        stale = list(
            Plan.objects.select_for_update()
            .filter(pk__in=_stale(plans, today).values("pk"))
            .only(*FIELDS)
            .order_by("pk")
        )
        ids = [p.pk for p in stale]
        AgendaItem.objects.filter(plan_id__in=ids).delete()
        AgendaState.objects.filter(plan_id__in=ids).delete()
        items = progress.upcoming(stale, today)
        AgendaItem.objects.bulk_create(
            [AgendaItem(plan=plan, kind=kind, what=what, due=due, missed=missed) for plan, kind, what, due, missed in items],
            batch_size=2000,
        )  # fmt: skip
        # Right until the day a milestone falls due: the day after, whether it was missed is known.
        until = {}
        for plan, kind, _what, due, _missed in items:
            if kind == AgendaItem.Kind.MILESTONE and due >= today:
                until[plan.pk] = min(due, until.get(plan.pk, due))
        AgendaState.objects.bulk_create(
            [AgendaState(plan_id=pk, until=until.get(pk)) for pk in ids], batch_size=2000
        )


def due(plans: QuerySet, today: dt.date, *, ahead: int = 14) -> QuerySet:
    """The agenda of these plans (active ones; see `progress.shown`), earliest first."""
    refresh(plans, today)
    coming = Q(due__gte=today, due__lte=today + dt.timedelta(days=ahead))
    return (
        AgendaItem.objects.filter(plan__in=plans.filter(status=Plan.Status.ACTIVE).values("pk"))
        .filter(
            Q(kind=AgendaItem.Kind.MILESTONE, missed=True)
            | (Q(kind=AgendaItem.Kind.MILESTONE) & coming)
            | (~Q(kind=AgendaItem.Kind.MILESTONE) & Q(due__lte=progress.week_end(today)))
        )
        .order_by("due", "plan_id", "pk")
    )
