"""Reminders from time passing 定时提醒: check-ins due and overdue, milestones passed, the company's
commitments late, plans ending soon, meetings tomorrow. Each has a key naming its occasion (the
plan, what, and the date it falls due), so a run repeated any number of times reaches nobody twice.

A run reads every active plan in a fixed number of queries (followup.progress), whatever their number.
"""

import datetime as dt

from django.utils import timezone

from perfloop.notify import audience
from perfloop.notify.dispatch import Event, raise_all
from perfloop.plans.models import Plan
from perfloop.plans.tracking import progress


def plan_events(today: dt.date, ending_days: int) -> list[Event]:
    plans = list(
        Plan.objects.filter(status=Plan.Status.ACTIVE)
        .select_related("employee__department")
        .only(
            "id", "status", "title", "start_date", "end_date", "brief_every", "formal_every", "owner_id",
            "employee__name", "employee__user_id", "employee__department__path",
        )
    )  # fmt: skip
    events = []
    for item in progress.agenda(plans, today, ahead=0):
        plan, kind, due = item["plan"], item["kind"], item["due"]
        if kind == "check_in":
            if due == today or due == today + dt.timedelta(days=1):
                events.append(
                    _event(plan, "followup.checkin_due", f"{item['what']}:{due}", what=item["what"], due=due)
                )
            elif item["overdue"]:
                events.append(
                    _event(
                        plan, "followup.checkin_overdue", f"{item['what']}:{due}", what=item["what"], due=due
                    )
                )
        elif kind == "milestone" and item["overdue"]:
            events.append(
                _event(plan, "followup.milestone_passed", f"{item['what']}:{due}", what=item["what"], due=due)
            )
        elif kind == "support" and item["overdue"]:
            events.append(
                _event(plan, "followup.support_overdue", f"{item['what']}:{due}", what=item["what"], due=due)
            )
    for plan in plans:
        if today <= plan.end_date <= today + dt.timedelta(days=ending_days):
            events.append(_event(plan, "plans.ending", str(plan.end_date), due=plan.end_date))
    return events  # fmt: skip


def _event(plan: Plan, event: str, occasion: str, *, due: dt.date, what: str = "") -> Event:
    employee = plan.employee
    return Event(
        event=event,
        key=f"{event}:{plan.pk}:{occasion}"[:200],
        employee_user_id=employee.user_id,
        department_path=employee.department.path,
        manager_user_id=plan.owner_id,
        params={"title": plan.title, "name": employee.name, "what": what, "due": due.isoformat()},
        url=plan.get_absolute_url(),
    )


def meeting_events(today: dt.date) -> list[Event]:
    from perfloop.feedback.models import FeedbackRecord

    tomorrow = today + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))
    records = FeedbackRecord.objects.filter(
        status=FeedbackRecord.Status.PLANNED, starts_at__gte=start, starts_at__lt=start + dt.timedelta(days=1)
    ).select_related("employee__department", "cycle")
    return [
        Event(
            event="feedback.meeting_tomorrow",
            key=f"feedback.meeting_tomorrow:{r.pk}:{r.starts_at.isoformat()}",
            employee_user_id=r.employee.user_id,
            department_path=r.employee.department.path,
            manager_user_id=r.holder_id,
            url=r.get_absolute_url(),
            params={
                "name": r.employee.name,
                "cycle": r.cycle.name,
                "when": r.starts_at.isoformat(),
                "record": r.pk,
            },
        )  # fmt: skip
        for r in records
    ]


def send_reminders(today: dt.date | None = None) -> int:
    """Raise every reminder due today; returns how many notifications are new."""
    today = today or timezone.localdate()
    rules = audience.rules()
    return raise_all(plan_events(today, rules["plans.ending"].days) + meeting_events(today), rules)
