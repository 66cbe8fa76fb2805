"""The demo company's feedback stage: one conversation the demo manager has already scheduled.

The demo employee's own conversation is left for a new user to prepare, hold and acknowledge.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from perfloop.feedback import services
from perfloop.reviews.models import Result, ReviewCycle


def seed_feedback(*, hr_user, seed: int) -> None:
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
