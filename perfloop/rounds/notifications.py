"""The review rounds' notifications: nominations waiting for the manager, a review asked of someone,
a review given back, and time passing — 3 days and 1 day before the deadline, and once overdue.
A reviewer's notice never names the person reviewed (a notice may be read on a shared screen or a
group the organisation turned on); the inbox shows whom. Keys name the occasion, so a repeated run
of the reminders reaches nobody twice."""

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from perfloop.notify.registry import EMPLOYEE, MANAGER, Event, EventType, Rule, add_reminders, declare, send
from perfloop.org.models import Employee
from perfloop.rounds import events
from perfloop.rounds.models import ReviewForm, ReviewRound

DUE = "rounds.due_soon"
OVERDUE = "rounds.overdue"
AHEAD = (3, 1)  # days before the deadline


def _owed(p) -> str:
    return (
        ngettext(
            "%(n)s review to submit in %(cycle)s by %(deadline)s.",
            "%(n)s reviews to submit in %(cycle)s by %(deadline)s.",
            p["n"],
        )
        % p
    )


EVENTS = (
    EventType(
        "rounds.nominations_to_approve", gettext_lazy("Reviewers proposed, to approve"),
        lambda p: _("%(name)s proposed reviewers for %(cycle)s: approve or change them.") % p, Rule((MANAGER,)),
    ),
    EventType(
        "rounds.review_requested", gettext_lazy("Review asked of you"),
        lambda p: _("You are asked for a review in %(cycle)s, due %(deadline)s.") % p, Rule((EMPLOYEE,)),
    ),
    EventType(
        "rounds.review_reopened", gettext_lazy("Review given back to you"),
        lambda p: _("HR gave back a review you submitted in %(cycle)s: %(reason)s") % p, Rule((EMPLOYEE,)),
    ),
    EventType("rounds.reminded", gettext_lazy("Reviews still to submit (HR's reminder)"), _owed, Rule((EMPLOYEE,))),
    EventType(DUE, gettext_lazy("Reviews due soon"), _owed, Rule((EMPLOYEE,))),
    EventType(
        OVERDUE, gettext_lazy("Reviews overdue"),
        lambda p: ngettext(
            "%(n)s review in %(cycle)s was due on %(deadline)s and is not submitted.",
            "%(n)s reviews in %(cycle)s were due on %(deadline)s and are not submitted.", p["n"],
        ) % p,
        Rule((EMPLOYEE,)),
    ),
)  # fmt: skip


def _to_reviewer(event: str, key: str, user_id, path: str, params: dict, by_user_id=None) -> Event:
    return Event(event, key[:200], user_id, path, None, params, reverse("rounds:inbox"), by_user_id)


def on_round_event(sender, *, kind, **ids):
    if kind == events.NOMINATIONS_WAITING:
        round = ReviewRound.objects.select_related("cycle").filter(pk=ids["round_id"]).first()
        person = (
            Employee.objects.select_related("department", "manager").filter(pk=ids["employee_id"]).first()
        )
        if round is None or person is None or person.manager is None:
            return
        today = timezone.localdate().isoformat()
        send([Event(
            "rounds.nominations_to_approve", f"rounds.nominations:{round.pk}:{person.pk}:{today}", None,
            person.department.path, person.manager.user_id, {"name": person.name, "cycle": round.cycle.name},
            reverse("rounds:nominations", args=[round.pk]) + f"?employee={person.pk}",
        )])  # fmt: skip
    elif kind == events.FORM_ASSIGNED:
        round = ReviewRound.objects.select_related("cycle").filter(pk=ids["round_id"]).first()
        reviewer = Employee.objects.select_related("department").filter(pk=ids["reviewer_id"]).first()
        if round is None or reviewer is None:
            return
        # One notice a day however many reviews are added.
        key = f"rounds.requested:{round.pk}:{reviewer.pk}:{timezone.localdate().isoformat()}"
        params = {"cycle": round.cycle.name, "deadline": round.deadline.isoformat()}
        send(
            [_to_reviewer("rounds.review_requested", key, reviewer.user_id, reviewer.department.path, params)]
        )
    elif kind == events.FORM_REOPENED:
        form = (
            ReviewForm.objects.select_related("round__cycle", "reviewer__department")
            .filter(pk=ids["form_id"])
            .first()
        )
        if form is None:
            return
        key = f"rounds.reopened:{form.pk}:{timezone.now().isoformat()}"
        params = {"cycle": form.round.cycle.name, "reason": form.reopened_reason}
        send(
            [
                _to_reviewer(
                    "rounds.review_reopened",
                    key,
                    form.reviewer.user_id,
                    form.reviewer.department.path,
                    params,
                )
            ]
        )


def owed(round: ReviewRound):
    """Reviewers with forms still to submit in the round, with how many (one aggregate)."""
    return (
        ReviewForm.objects.filter(round=round)
        .exclude(status=ReviewForm.Status.SUBMITTED)
        .values("reviewer_id", "reviewer__user_id", "reviewer__department__path")
        .annotate(n=Count("pk"))
        .filter(reviewer__status=Employee.Status.ACTIVE)
        .order_by()
    )


def _round_events(round: ReviewRound, event: str, occasion: str, by_user_id=None) -> list[Event]:
    params = {"cycle": round.cycle.name, "deadline": round.deadline.isoformat()}
    return [
        _to_reviewer(event, f"{event}:{round.pk}:{row['reviewer_id']}:{occasion}", row["reviewer__user_id"],
                     row["reviewer__department__path"], {**params, "n": row["n"]}, by_user_id)
        for row in owed(round)
        if row["reviewer__user_id"] is not None
    ]  # fmt: skip


def deadline_reminders(today: dt.date, rules) -> list[Event]:
    found = []
    ahead = [today + dt.timedelta(days=d) for d in AHEAD]
    rounds = ReviewRound.objects.filter(status=ReviewRound.Status.OPEN, opens_on__lte=today).filter(
        Q(deadline__in=ahead) | Q(deadline__lt=today)
    )
    for round in rounds.select_related("cycle"):
        if round.deadline < today:
            found += _round_events(round, OVERDUE, "overdue")
        else:
            found += _round_events(round, DUE, f"{(round.deadline - today).days}d")
    return found


def remind(round: ReviewRound, by) -> int:
    """HR asks: everyone with reviews still to submit hears it now (at most once a day)."""
    return send(_round_events(round, "rounds.reminded", timezone.localdate().isoformat(), by.pk))


def register() -> None:
    declare(*EVENTS)
    add_reminders(deadline_reminders)
    events.round_event.connect(on_round_event, dispatch_uid="notify-rounds")
