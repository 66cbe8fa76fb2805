"""The plan's calendar of check-ins 跟踪频率: a brief check-in and a formal review, each repeating at its
interval from the plan's start until its end. The same rule gives the dates shown on the page and
the RRULE of the downloadable calendar, so the two never disagree."""

import datetime as dt
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from dateutil.rrule import MONTHLY, WEEKLY, rrule
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop.documents.calendar import Person, series
from perfloop.plans.models import Every, Plan

# (frequency, interval) of each choice, for dateutil and for the RRULE.
RULES = {Every.WEEK: (WEEKLY, 1), Every.TWO_WEEKS: (WEEKLY, 2), Every.MONTH: (MONTHLY, 1)}
STEP = {
    Every.WEEK: relativedelta(weeks=1),
    Every.TWO_WEEKS: relativedelta(weeks=2),
    Every.MONTH: relativedelta(months=1),
}
# The hour of day the check-ins are put at in the calendar (the plan has dates, not times).
HOURS = {"brief": dt.time(10, 0), "formal": dt.time(14, 0)}


@dataclass(frozen=True)
class CheckIn:
    kind: str  # "brief" or "formal"
    on: dt.date
    minutes: int


def _first(plan: Plan, every: str) -> dt.date:
    """The first check-in falls one interval after the start."""
    return plan.start_date + STEP[every]


def _every(plan: Plan, kind: str) -> tuple[str, int]:
    return getattr(plan, f"{kind}_every"), getattr(plan, f"{kind}_minutes")


def last_day(plan: Plan) -> dt.date:
    """The plan's last day of check-ins: its end, or the day it stopped running if earlier."""
    return min(plan.end_date, plan.ended_on) if plan.ended_on else plan.end_date


def dates(plan: Plan, kind: str) -> list[dt.date]:
    every, _minutes = _every(plan, kind)
    freq, interval = RULES[every]
    start = dt.datetime.combine(_first(plan, every), dt.time())
    until = dt.datetime.combine(last_day(plan), dt.time())
    return [day.date() for day in rrule(freq, interval=interval, dtstart=start, until=until)]


def check_ins(plan: Plan) -> list[CheckIn]:
    """Every check-in the cadence gives, in date order (a formal review on a brief check-in's day
    takes its place)."""
    formal = {day: CheckIn("formal", day, plan.formal_minutes) for day in dates(plan, "formal")}
    brief = {
        day: CheckIn("brief", day, plan.brief_minutes) for day in dates(plan, "brief") if day not in formal
    }
    return sorted([*formal.values(), *brief.values()], key=lambda c: c.on)


def ics_for(plan: Plan) -> bytes:
    """Both series, brief and formal, as recurring events for the employee and the owner."""
    url = settings.PERFLOOP_BASE_URL + reverse("plans:plan", args=[plan.pk])
    people = [Person.of(user=plan.owner)]
    if not plan.is_team:
        people.append(Person.of(employee=plan.employee))
    zone = timezone.get_current_timezone()
    until = dt.datetime.combine(last_day(plan), dt.time(23, 59, 59), tzinfo=zone).astimezone(dt.UTC)
    titles = {
        "brief": _("Brief check-in on the plan: %(name)s"),
        "formal": _("Formal review of the plan: %(name)s"),
    }
    events = []
    for kind in ("brief", "formal"):
        every, minutes = _every(plan, kind)
        freq, interval = RULES[every]
        events.append(
            {
                # Stopped before its first check-in: the series is withdrawn from the calendars.
                "cancel": _first(plan, every) > last_day(plan),
                "uid": f"{kind}-{plan.ics_uid}",
                "sequence": plan.sequence,
                "start": dt.datetime.combine(_first(plan, every), HOURS[kind], tzinfo=zone),
                "minutes": minutes,
                "summary": titles[kind] % {"name": str(plan.subject)},
                "description": _("Plan: %(title)s. %(url)s") % {"title": plan.title, "url": url},
                "organizer": people[0],
                "attendees": people,
                "url": url,
                "rrule": {
                    "freq": "weekly" if freq == WEEKLY else "monthly",
                    "interval": interval,
                    "until": until,
                },
            }
        )
    return series(events)


def ics_response(plan: Plan) -> HttpResponse:
    answer = HttpResponse(ics_for(plan), content_type="text/calendar; charset=utf-8")
    answer["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}-checkins.ics"'
    return answer
