"""What the feedback stage asks of people, for their home's to-do list: the employee's record to
acknowledge; a manager's conversations to hold or schedule and people still without one; HR's
open appeals."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perfloop.access.policy import roles_for
from perfloop.feedback import rules, selectors
from perfloop.feedback.models import Appeal, FeedbackRecord
from perfloop.home.registry import Todo, capped_count, shown_count
from perfloop.reviews.selectors import cycle_in_feedback

Status = FeedbackRecord.Status
SHOWN = 5  # items named one by one; the rest are counted


def todos(user) -> list[Todo]:
    roles = roles_for(user)
    found = []
    if roles.employee is not None:
        own = FeedbackRecord.objects.filter(employee=roles.employee, status=Status.HELD).select_related(
            "cycle"
        )
        for record in own.order_by("-pk")[:SHOWN]:
            text = _("Read and acknowledge the record of your feedback conversation (%(cycle)s)")
            found.append(
                Todo(
                    "acknowledge-record",
                    text % {"cycle": record.cycle.name},
                    reverse("feedback:record", args=[record.pk]),
                )
            )
    if rules.can_view_overview(user):
        found += _holder_todos(user)
    if rules.can_handle_appeals(user):
        n = capped_count(selectors.appeals_for(user, status=Appeal.Status.OPEN))
        if n:
            text = ngettext("%(n)s appeal to handle", "%(n)s appeals to handle", n) % {"n": shown_count(n)}
            found.append(Todo("appeals", text, reverse("feedback:appeals")))
    return found


def _holder_todos(user) -> list[Todo]:
    found = []
    now = timezone.now()
    for record in selectors.coming_up(user)[:SHOWN]:
        when = date_format(timezone.localtime(record.starts_at), "SHORT_DATETIME_FORMAT")
        late = record.starts_at < now
        text = (
            _("Record the conversation with %(name)s (planned for %(when)s)")
            if late
            else _("Hold the conversation with %(name)s on %(when)s")
        ) % {"name": record.employee.name, "when": when}
        found.append(Todo("hold", text, reverse("feedback:record", args=[record.pk]), late=late))
    unscheduled = capped_count(
        FeedbackRecord.objects.filter(
            holder=user, status=Status.PLANNED, cancelled=False, starts_at__isnull=True
        )
    )
    if unscheduled:
        text = ngettext("%(n)s conversation to schedule", "%(n)s conversations to schedule", unscheduled) % {
            "n": shown_count(unscheduled)
        }
        found.append(Todo("schedule", text, reverse("feedback:index")))
    cycle = cycle_in_feedback(user)
    if cycle is not None:
        n = capped_count(selectors.without_record(user, cycle))
        if n:
            text = ngettext(
                "%(n)s person without a feedback conversation in %(cycle)s",
                "%(n)s people without a feedback conversation in %(cycle)s",
                n,
            ) % {"n": shown_count(n), "cycle": cycle.name}
            found.append(Todo("without-conversation", text, reverse("feedback:cycle", args=[cycle.pk])))
    return found
