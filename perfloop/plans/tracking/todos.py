"""What the follow-up asks of people, for their home's to-do list: check-ins and milestones
overdue or due this week (a manager's team, an employee's own plan), readings to confirm, outcomes
to decide, and for HR the outcomes to check."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perfloop.access.policy import people_q, roles_for
from perfloop.home.registry import Todo, capped_count, shown_count
from perfloop.plans.models import Plan
from perfloop.plans.todos import owned_q
from perfloop.plans.tracking import agenda
from perfloop.plans.tracking.models import AgendaItem, Closure, Reading
from perfloop.plans.tracking.selectors import agenda_of

SHOWN = 5


def todos(user) -> list[Todo]:
    roles = roles_for(user)
    found = []
    today = timezone.localdate()
    if roles.employee is not None:
        mine = agenda_of(user, "mine").filter(kind=AgendaItem.Kind.CHECK_IN).first()
        if mine is not None:
            late = mine.due < today
            text = (_("Your check-in was due on %(date)s") if late else _("Your next check-in: %(date)s")) % {
                "date": date_format(mine.due, "SHORT_DATE_FORMAT")
            }
            found.append(Todo("my-checkin", text, mine.plan.get_absolute_url(), late=late))
    if roles.is_manager:
        found += _manager_todos(user, today)
    if roles.is_hr:
        to_check = Closure.objects.filter(
            people_q(user, via="plan__employee__", hr_only=True), checked_at__isnull=True
        ).exclude(outcome="")
        n = capped_count(to_check)
        if n:
            text = ngettext("%(n)s outcome to check", "%(n)s outcomes to check", n) % {"n": shown_count(n)}
            found.append(Todo("check-outcomes", text, reverse("insights:outcomes")))
    return found


def _manager_todos(user, today) -> list[Todo]:
    found = []
    team = Plan.objects.reached_by(user).filter(owned_q(user))
    # Overdue and coming in one aggregate over the line's agenda (a row or two per active plan).
    counted = agenda.due(team, today).aggregate(
        late=Count("pk", filter=Q(due__lt=today)), coming=Count("pk", filter=Q(due__gte=today))
    )
    late, coming = counted["late"], counted["coming"]
    url = f"{reverse('followup:due')}?scope=team"
    if late:
        text = ngettext(
            "%(n)s check-in or milestone overdue in your team",
            "%(n)s check-ins or milestones overdue in your team",
            late,
        ) % {"n": shown_count(late)}
        found.append(Todo("team-overdue", text, url, late=True))
    if coming:
        text = ngettext(
            "%(n)s check-in or milestone due this week in your team",
            "%(n)s check-ins or milestones due this week in your team",
            coming,
        ) % {"n": shown_count(coming)}
        found.append(Todo("team-due", text, url))
    unconfirmed = Reading.objects.filter(goal__plan_id=OuterRef("pk"), confirmed_by__isnull=True).filter(
        ~Q(by=user)
    )
    to_confirm = team.filter(Exists(unconfirmed), status=Plan.Status.ACTIVE).select_related(
        "employee", "department"
    )
    for plan in to_confirm.only("pk", "employee__name", "department__name").order_by("pk")[:SHOWN]:
        text = _("Confirm the readings %(name)s entered") % {"name": plan.subject_name}
        found.append(Todo("confirm-readings", text, plan.get_absolute_url()))
    undecided = team.filter(status=Plan.Status.CLOSING, closure__outcome="").select_related(
        "employee", "department"
    )
    for plan in undecided.only("pk", "employee__name", "department__name").order_by("pk")[:SHOWN]:
        text = _("Decide the outcome of %(name)s's plan") % {"name": plan.subject_name}
        found.append(Todo("decide-outcome", text, plan.get_absolute_url()))
    return found
