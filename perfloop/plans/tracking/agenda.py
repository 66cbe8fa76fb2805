"""The follow-up agenda stored per plan: computed when a plan is written (or when a milestone's day
has passed), read by the follow-up page, its API and the reminders in one query however many plans
the reader follows, instead of computing the status of every plan in reach on every view.

Every write of a plan takes its row lock (`plans.guards.lock`), which calls `invalidate`; the next
reader refreshes what is stale under the same row locks, so a refresh never stores what a write
running beside it has changed.
"""

import datetime as dt
from collections import Counter

from django.db import transaction
from django.db.models import Count, Q, QuerySet

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
        items, states = progress.survey(stale, today)
        AgendaItem.objects.bulk_create(
            [AgendaItem(plan=plan, kind=kind, what=what, due=due, missed=missed) for plan, kind, what, due, missed in items],
            batch_size=2000,
        )  # fmt: skip
        AgendaState.objects.bulk_create(
            [
                AgendaState(
                    plan_id=pk, until=states[pk][1], track=states[pk][0].status,
                    reasons=",".join(sorted({r.code for r in states[pk][0].reasons})),
                )
                for pk in ids
            ],
            batch_size=2000,
        )  # fmt: skip


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


def tracks(plans: QuerySet, today: dt.date) -> tuple[Counter, Counter]:
    """The active plans among `plans` counted by status (on_track, off_track, no_data), and the
    off-track ones by reason code: one aggregate query over the stored states."""
    refresh(plans, today)
    states, reasons = Counter(), Counter()
    for track, codes, n in (
        AgendaState.objects.filter(plan__in=plans.filter(status=Plan.Status.ACTIVE).values("pk"))
        .values_list("track", "reasons").annotate(n=Count("plan_id")).order_by()
    ):  # fmt: skip
        states[track] += n
        for code in filter(None, codes.split(",")):
            reasons[code] += n
    return states, reasons
