"""The demo company's feedback stage: one conversation the demo manager has already scheduled.

The demo employee's own conversation is left for a new user to prepare, hold and acknowledge.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from perfloop.feedback import services
from perfloop.feedback.models import FeedbackRecord
from perfloop.reviews.models import Result, ReviewCycle


def seed_feedback(*, hr_user, seed: int) -> None:
    _history(hr_user)
    manager = get_user_model().objects.filter(username="manager").select_related("employee").first()
    cycle = ReviewCycle.objects.filter(status=ReviewCycle.Status.FEEDBACK).order_by("-start_date").first()
    if manager is None or cycle is None:
        return
    result = (
        Result.objects.filter(cycle=cycle, employee__manager=manager.employee, complete=True)
        .exclude(employee__user__username="employee")
        .select_related("employee__department")
        .order_by("composite", "employee__employee_no")  # the direct report whose result most calls for it
        .first()
    )
    if result is None:
        return
    record = services.start(cycle=cycle, employee=result.employee, by=manager)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    starts_at = timezone.make_aware(dt.datetime.combine(tomorrow, dt.time(10, 0)))
    services.schedule(record=record, by=manager, starts_at=starts_at, minutes=45, place="3楼小会议室")


def _history(hr_user) -> None:
    """The closed quarters' conversations, as they were held then: nine in ten people's, each
    acknowledged within a month of the results (the team report's trends read them)."""
    records = []
    for cycle in ReviewCycle.objects.filter(status=ReviewCycle.Status.CLOSED).order_by("start_date"):
        results = Result.objects.filter(cycle=cycle, complete=True).select_related("employee__manager__user")
        for n, result in enumerate(results.order_by("employee__employee_no")):
            if n % 10 == 9:
                continue  # no conversation recorded
            manager = result.employee.manager
            held = cycle.end_date + dt.timedelta(days=8 + n % 20)
            records.append(
                FeedbackRecord(
                    cycle=cycle, employee=result.employee, result=result,
                    holder=(manager.user if manager and manager.user else hr_user),
                    status=FeedbackRecord.Status.ACKNOWLEDGED, held_on=held,
                    acknowledged_at=timezone.make_aware(dt.datetime.combine(held, dt.time(17))),
                )
            )  # fmt: skip
    FeedbackRecord.objects.bulk_create(records, batch_size=1000)
