"""URL-walk declarations of the feedback stage: the target's record, held and waiting for an answer."""

import datetime as dt

from django.utils import timezone

from perfloop.feedback.models import Appeal, FeedbackRecord, FeedbackRequest
from tests.access.walk_roles import CYCLE_VIEWERS, HR, TEAM_VIEWERS
from tests.reviews.walk import cycle_with_result

HOLDERS = {"manager", "hr_in_scope"}  # the target's managers and HR in scope; never the admin
SEES_RECORD = {"employee", *HOLDERS}

DECLARED = {
    "feedback:index": ("get", CYCLE_VIEWERS),
    "feedback:cycle": ("get", TEAM_VIEWERS),
    "feedback:start": ("post", HOLDERS),  # reaches the service, which says the record exists
    "feedback:record": ("get", SEES_RECORD),
    "feedback:pack": ("get", HOLDERS),  # the employee never sees the preparation pack
    "feedback:schedule": ("post", HOLDERS),
    "feedback:cancel": ("post", HOLDERS),
    "feedback:invitation": ("get", SEES_RECORD),
    "feedback:meeting": ("get", HOLDERS),
    "feedback:request_add": ("post", HOLDERS),
    "feedback:request_remove": ("post", HOLDERS),
    "feedback:held": ("post", HOLDERS),
    "feedback:acknowledge": ("post", {"employee"}),
    "feedback:dispute": ("post", {"employee"}),
    "feedback:amend": ("post", HOLDERS),
    "feedback:appeals": ("get", HR),
    "feedback:appeal_resolve": ("post", {"hr_in_scope"}),
    "feedback:reads": ("get", {"hr_in_scope"}),
}
ABOUT_TARGET = {name for name, (_m, roles) in DECLARED.items() if roles <= SEES_RECORD}


def arguments(org) -> dict:
    cycle, result = cycle_with_result(org)
    record = FeedbackRecord.objects.create(
        cycle=cycle,
        employee=org.employee,
        result=result,
        holder=org.user("manager"),
        status=FeedbackRecord.Status.HELD,
        starts_at=timezone.now() - dt.timedelta(days=1),
        place="3楼小会议室",
        strengths="交付按时",
    )
    request = FeedbackRequest.objects.create(record=record, kind="training", text="产品培训")
    appeal = Appeal.objects.create(record=record, reason="评分有误")
    one = {"pk": record.pk}
    return {
        "feedback:cycle": {"pk": cycle.pk},
        "feedback:start": {"pk": cycle.pk, "employee_id": org.employee.pk},
        "feedback:appeal_resolve": {"pk": appeal.pk},
        "feedback:request_remove": {"pk": record.pk, "request_id": request.pk},
        **{
            name: one
            for name in DECLARED
            if name.startswith("feedback:")
            and name not in ("feedback:index", "feedback:cycle", "feedback:start", "feedback:appeals")
            and name not in ("feedback:appeal_resolve", "feedback:request_remove")
        },
    }
