"""The feedback stage's notifications: its events declared to the notifications app, raised when
the record's own events are sent (after commit), and the reminder of a conversation tomorrow."""

import datetime as dt
import uuid

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from perfloop.feedback.events import feedback_event
from perfloop.feedback.models import FeedbackRecord
from perfloop.notify.registry import (
    EMPLOYEE,
    HR,
    MANAGER,
    EventType,
    Rule,
    about,
    add_reminders,
    declare,
    send,
)


def _invitation(params: dict):
    """The meeting's invitation as it stands (REQUEST, or CANCEL; the record's UID and SEQUENCE), in
    the recipient's language (the caller's), for the e-mails about a meeting."""
    from perfloop.feedback.invitations import ics_for

    record = (
        FeedbackRecord.objects.select_related("employee", "cycle", "holder")
        .filter(pk=params.get("record") or 0, starts_at__isnull=False)
        .first()
    )
    if record is None:
        return None
    content = ics_for(record)
    method = "CANCEL" if b"METHOD:CANCEL" in content else "REQUEST"
    return "invitation.ics", content, f"text/calendar; method={method}; charset=utf-8"


EVENTS = (
    EventType(
        "feedback.scheduled", gettext_lazy("Feedback conversation scheduled"),
        lambda p: _("Your feedback conversation is scheduled: %(when)s.") % p, Rule((EMPLOYEE,)), _invitation,
    ),
    EventType(
        "feedback.rescheduled", gettext_lazy("Feedback conversation moved"),
        lambda p: _("Your feedback conversation has moved to %(when)s.") % p, Rule((EMPLOYEE,)), _invitation,
    ),
    EventType(
        "feedback.cancelled", gettext_lazy("Feedback conversation cancelled"),
        lambda p: _("Your feedback conversation (%(cycle)s) is cancelled.") % p, Rule((EMPLOYEE,)), _invitation,
    ),
    EventType(
        "feedback.slot_released", gettext_lazy("Feedback conversation held early"),
        lambda p: _("Your feedback conversation (%(cycle)s) was held before its scheduled time; the calendar slot is withdrawn.") % p,
        Rule((EMPLOYEE,)), _invitation,
    ),
    EventType(
        "feedback.conversations_missing", gettext_lazy("Conversations still to hold (HR's reminder)"),
        lambda p: ngettext(
            "%(n)s person of your team has no feedback conversation in %(cycle)s yet.",
            "%(n)s people of your team have no feedback conversation in %(cycle)s yet.",
            p["n"],
        ) % p,
        Rule((EMPLOYEE,)),
    ),
    # The record that follows asks for acknowledgement; an organisation may tell HR of each one held.
    EventType(
        "feedback.held", gettext_lazy("Feedback conversation held"),
        lambda p: _("The feedback conversation with %(name)s (%(cycle)s) was held.") % p, Rule((), channels=()),
    ),
    EventType(
        "feedback.acknowledgement_requested", gettext_lazy("Feedback record to acknowledge"),
        lambda p: _("Your feedback record (%(cycle)s) is ready: read it and acknowledge it.") % p,
        Rule((EMPLOYEE,)),
    ),
    EventType(
        "feedback.acknowledged", gettext_lazy("Feedback record acknowledged"),
        lambda p: _("%(name)s acknowledged their feedback record (%(cycle)s).") % p, Rule((MANAGER,)),
    ),
    EventType(
        "feedback.disputed", gettext_lazy("Feedback record disputed"),
        # HR hears of the same act as the appeal it opens (feedback.appeal_opened): once, not twice.
        lambda p: _("%(name)s disputes their feedback record (%(cycle)s).") % p, Rule((MANAGER,)),
    ),
    EventType(
        "feedback.appeal_opened", gettext_lazy("Appeal opened"),
        lambda p: _("%(name)s opened an appeal on their feedback record (%(cycle)s).") % p, Rule((HR,)),
    ),
    EventType(
        "feedback.appeal_resolved", gettext_lazy("Appeal resolved"),
        lambda p: (_("The appeal on your feedback record (%(cycle)s) is resolved.") if p.get("yours")
                   else _("The appeal on %(name)s’s feedback record (%(cycle)s) is resolved.")) % p,
        Rule((EMPLOYEE, MANAGER)),
    ),
    EventType(
        "feedback.meeting_tomorrow", gettext_lazy("Feedback conversation tomorrow"),
        lambda p: (_("Tomorrow: your feedback conversation, %(when)s.") if p.get("yours")
                   else _("Tomorrow: the feedback conversation with %(name)s, %(when)s.")) % p,
        Rule((EMPLOYEE, MANAGER)), _invitation,
    ),
)  # fmt: skip


def _event(record: FeedbackRecord, event: str, key: str, by_user_id=None):
    params = {
        "name": record.employee.name, "cycle": record.cycle.name, "record": record.pk,
        "when": record.starts_at.isoformat() if record.starts_at else "",
    }  # fmt: skip
    return about(
        record.employee, event=event, key=key, manager_user_id=record.holder_id, params=params,
        url=record.get_absolute_url(), by_user_id=by_user_id,
    )  # fmt: skip


def on_feedback_event(sender, *, kind, record_id, by_user_id=None, **extra):
    record = (
        FeedbackRecord.objects.select_related("employee__department", "cycle").filter(pk=record_id).first()
    )
    if record is None:
        return
    # An act happens once and its signal is sent once after commit; the key keeps a retry of the
    # same signal from notifying twice.
    send([_event(record, f"feedback.{kind}", f"feedback.{kind}:{record_id}:{uuid.uuid4().hex}", by_user_id)])


def meetings_tomorrow(today: dt.date, rules) -> list:
    tomorrow = today + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))
    records = FeedbackRecord.objects.filter(
        status=FeedbackRecord.Status.PLANNED, cancelled=False,  # a cancelled meeting reminds nobody
        starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1),
    ).select_related("employee__department", "cycle")  # fmt: skip
    event = "feedback.meeting_tomorrow"
    return [_event(r, event, f"{event}:{r.pk}:{r.starts_at.isoformat()}") for r in records]


def register() -> None:
    declare(*EVENTS)
    add_reminders(meetings_tomorrow)
    feedback_event.connect(on_feedback_event, dispatch_uid="notify-feedback")


def remind_managers(cycle, by) -> tuple[int, int]:
    """Tell each manager how many of their people have no conversation in the cycle yet (at most
    once a day each); HR's reach decides who is counted. Returns (managers told, people without a
    manager who can sign in)."""
    from collections import Counter

    from django.urls import reverse

    from perfloop.feedback.selectors import without_record
    from perfloop.notify.registry import Event

    rows = without_record(by, cycle).values_list(
        "employee__manager__user_id", "employee__manager__status", "employee__manager__department__path"
    )
    counts, paths, nobody = Counter(), {}, 0
    for user_id, status, path in rows.order_by():
        if user_id is None or status != "active":
            nobody += 1
            continue
        counts[user_id] += 1
        paths[user_id] = path
    today = timezone.localdate().isoformat()
    url = reverse("feedback:cycle", args=[cycle.pk])
    event = "feedback.conversations_missing"
    send([
        Event(event, f"{event}:{cycle.pk}:{user_id}:{today}", user_id, paths[user_id], None,
              {"n": n, "cycle": cycle.name}, url, by.pk)
        for user_id, n in counts.items()
    ])  # fmt: skip
    return len(counts), nobody
