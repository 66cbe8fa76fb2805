"""What the plan stage asks of people, for their home's to-do list: the employee's plan to read
and acknowledge; a manager's drafts to finish and send, plans past their end to close."""

from urllib.parse import urlencode

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from perfloop.access.policy import roles_for
from perfloop.home.registry import Todo, capped_count, shown_count
from perfloop.plans import rules
from perfloop.plans.models import Plan
from perfloop.reviews.models import Band, Result
from perfloop.reviews.selectors import cycle_in_feedback

CALL_FOR_A_PLAN = (Band.NEEDS_IMPROVEMENT, Band.UNSATISFACTORY)

SHOWN = 5


def todos(user) -> list[Todo]:
    roles = roles_for(user)
    found = []
    if roles.employee is not None:
        sent = Plan.objects.filter(
            employee=roles.employee, status=Plan.Status.DRAFT, submitted_at__isnull=False
        ).only("pk", "title")
        for plan in sent.order_by("-pk")[:SHOWN]:
            text = _("Read and acknowledge your plan “%(title)s”") % {"title": plan.title}
            found.append(Todo("acknowledge-plan", text, plan.get_absolute_url()))
    if rules.can_see_team_plans(user):
        found += _owner_todos(user)
    return found


def _owner_todos(user) -> list[Todo]:
    found = _to_write(user) if roles_for(user).is_manager else []
    drafts = Plan.objects.filter(owner=user, status=Plan.Status.DRAFT, submitted_at__isnull=True)
    n = capped_count(drafts)
    if n:
        text = ngettext("%(n)s draft plan to finish and send", "%(n)s draft plans to finish and send", n)
        found.append(
            Todo("send-plans", text % {"n": shown_count(n)}, f"{reverse('plans:index')}?status=draft")
        )
    ended = (
        Plan.objects.reached_by(user)
        .filter(owned_q(user))
        .filter(status=Plan.Status.ACTIVE, end_date__lt=timezone.localdate())
        .select_related("employee", "department")
        .only("pk", "end_date", "employee__name", "department__name")
        .order_by("end_date", "pk")
    )
    for plan in ended[:SHOWN]:
        text = _("Close %(name)s's plan: it ended on %(date)s") % {
            "name": plan.subject_name,
            "date": date_format(plan.end_date, "SHORT_DATE_FORMAT"),
        }
        found.append(Todo("close-plan", text, plan.get_absolute_url(), late=True))
    return found


def owned_q(user) -> Q:
    """A manager's own work among the plans they reach: those they own and those of their line (not
    the rest of an HR scope, which HR follows on its lists)."""
    roles = roles_for(user)
    owned = Q(owner=user)
    if roles.is_manager:
        owned |= Q(employee__manager_path__under=roles.employee.reports_prefix)
    return owned


def _to_write(user) -> list[Todo]:
    """People of the manager's line whose result in the cycle now in feedback calls for a plan
    and who have none in it."""
    cycle = cycle_in_feedback(user)
    if cycle is None:
        return []
    planned = Plan.objects.filter(cycle=cycle, employee_id=OuterRef("employee_id"))
    results = (
        Result.objects.filter(cycle=cycle, band__in=CALL_FOR_A_PLAN)
        .filter(employee__manager_path__under=roles_for(user).employee.reports_prefix)
        .filter(~Exists(planned))
        .select_related("employee")
        .only("pk", "band", "employee__name", "employee__employee_no")
        # The first few found, in no order asked for: sorting the line's results first costs five
        # times the query at 2,880 people; the list links to each, and the plan list has them all.
        .order_by()
    )
    bands = dict(Band.choices)
    return [
        Todo(
            "write-plan",
            _("Write an improvement plan with %(name)s (%(band)s in %(cycle)s)")
            % {"name": r.employee.name, "band": bands[r.band], "cycle": cycle.name},
            f"{reverse('plans:new')}?{urlencode({'employee': r.employee.employee_no})}",
        )
        for r in results[:SHOWN]
    ]
