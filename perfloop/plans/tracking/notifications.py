"""The tracking wing's notifications, from time passing 定时提醒: check-ins due and overdue,
milestones passed, the company's commitments late, plans ending soon. Each has a key naming its
occasion (the plan, what, and the date it falls due), so a run repeated any number of times
reaches nobody twice; a run reads the stored agenda of every active plan (tracking.agenda) in one query."""

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perfloop.notify.registry import EMPLOYEE, HR, MANAGER, EventType, Rule, about, add_reminders, declare
from perfloop.plans.models import Plan
from perfloop.plans.tracking import agenda

ENDING = "plans.ending"
EVENTS = (
    EventType(
        "followup.checkin_due", gettext_lazy("Check-in due"),
        lambda p: (_("A check-in on your plan “%(title)s” is due on %(due)s.") if p.get("yours")
                   else _("A check-in on “%(title)s” (%(name)s) is due on %(due)s.")) % p, Rule((EMPLOYEE, MANAGER)),
    ),
    EventType(
        "followup.checkin_overdue", gettext_lazy("Check-in overdue"),
        lambda p: (_("A check-in on your plan “%(title)s” was due on %(due)s and is overdue.") if p.get("yours")
                   else _("A check-in on “%(title)s” (%(name)s) was due on %(due)s and is overdue.")) % p,
        Rule((EMPLOYEE, MANAGER)),
    ),
    EventType(
        "followup.milestone_passed", gettext_lazy("Milestone passed, not reached"),
        lambda p: (_("The milestone “%(what)s” of your plan “%(title)s” passed on %(due)s, not reached.") if p.get("yours")
                   else _("The milestone “%(what)s” of “%(title)s” (%(name)s) passed on %(due)s, not reached.")) % p,
        Rule((EMPLOYEE, MANAGER)),
    ),
    EventType(
        "followup.support_overdue", gettext_lazy("Company commitment late"),
        lambda p: _("The company’s commitment “%(what)s” to %(name)s was due on %(due)s and is still open.") % p,
        Rule((MANAGER, HR)),
    ),
    EventType(
        ENDING, gettext_lazy("Plan ending soon"),
        lambda p: (_("Your plan “%(title)s” ends on %(due)s.") if p.get("yours")
                   else _("The plan “%(title)s” (%(name)s) ends on %(due)s: time to close it.")) % p,
        Rule((EMPLOYEE, MANAGER), days=7),
    ),
)  # fmt: skip
OVERDUE = {"milestone": "followup.milestone_passed", "support": "followup.support_overdue"}


def _event(plan: Plan, event: str, occasion: str, *, due: dt.date, what: str = ""):
    return about(
        plan.employee, event=event, key=f"{event}:{plan.pk}:{occasion}", manager_user_id=plan.owner_id,
        params={"title": plan.title, "name": plan.employee.name, "what": what, "due": due.isoformat()},
        url=plan.get_absolute_url(),
    )  # fmt: skip


def plan_reminders(today: dt.date, rules) -> list:
    # A person's plans: a team plan's dates are on its owners' to-do lists and calendars.
    active = Plan.objects.filter(status=Plan.Status.ACTIVE, employee__isnull=False)
    events = []
    for item in agenda.due(active, today, ahead=0).select_related("plan__employee__department"):
        plan, kind, due, what = item.plan, item.kind, item.due, item.what
        if kind == "check_in" and due in (today, today + dt.timedelta(days=1)):
            events.append(_event(plan, "followup.checkin_due", f"{what}:{due}", what=what, due=due))
        elif kind == "check_in" and due < today:
            events.append(_event(plan, "followup.checkin_overdue", f"{what}:{due}", what=what, due=due))
        elif kind in OVERDUE and due < today:
            events.append(_event(plan, OVERDUE[kind], f"{what}:{due}", what=what, due=due))
    ahead = dt.timedelta(days=rules[ENDING].days)
    events += [
        _event(plan, ENDING, str(plan.end_date), due=plan.end_date)
        for plan in active.filter(end_date__gte=today, end_date__lte=today + ahead).select_related(
            "employee__department"
        )
    ]
    return events


def register() -> None:
    declare(*EVENTS)
    add_reminders(plan_reminders)
