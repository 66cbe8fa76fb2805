"""URL-walk declarations of the feedback stage: the target's record, held and waiting for an answer."""

import datetime as dt

from django.utils import timezone

from perfloop.feedback.models import Appeal, FeedbackRecord, FeedbackRequest
from tests.access.walk_roles import CYCLE_VIEWERS, HR, SIGNED_IN, TEAM_VIEWERS
from tests.reviews.walk import cycle_with_result

HOLDERS = {"manager", "hr_in_scope"}  # the target's managers and HR in scope; never the admin
SEES_RECORD = {"employee", *HOLDERS}

DECLARED = {
    "feedback:index": ("get", CYCLE_VIEWERS),
    "feedback:cycle": ("get", TEAM_VIEWERS),
    "feedback:start": ("post", HOLDERS),  # reaches the service, which says the record exists
    "feedback:remind": ("post", {"hr_in_scope", "hr_out_of_scope"}),  # each reminds for their scope
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
    "feedback:coach": ("post", SIGNED_IN - {"admin"}),  # whoever writes feedback (no employee: none)
    "feedback:document": ("get", SEES_RECORD),
    "feedback:print": ("get", SEES_RECORD),
    "feedback:template": ("get", {"admin"}),  # and company-wide HR (none in the walk's organisation)
    "api:feedback_list": ("get", SIGNED_IN),  # a list scoped to what each may see
    # The target already has a record: holders reach the service (409), everyone else is refused.
    "api:feedback_create": ("post", HOLDERS),
    "api:feedback": ("get", SEES_RECORD),
    "api:feedback_update": ("patch", HOLDERS),
    "api:feedback_held": ("post", HOLDERS),
    "api:feedback_acknowledge": ("post", {"employee"}),
    "api:feedback_dispute": ("post", {"employee"}),
    "api:feedback_amendments": ("post", HOLDERS),
    "api:feedback_invitation": ("get", SEES_RECORD),
    "api:feedback_document": ("get", SEES_RECORD),
    "api:appeals": ("get", SIGNED_IN),  # HR's scope; an empty list for everyone else
    "api:appeal_resolve": ("post", {"hr_in_scope"}),
    "api:coach": ("post", SIGNED_IN),
    "api:feedback_cancel": ("post", HOLDERS),  # a held meeting: the service refuses it (409)
    "api:feedback_requests_add": ("post", HOLDERS),
    "api:feedback_request_remove": ("delete", HOLDERS),
    "api:feedback_remind": ("post", {"hr_in_scope", "hr_out_of_scope"}),
}
ABOUT_TARGET = {name for name, (_m, roles) in DECLARED.items() if roles <= SEES_RECORD}
PAYLOAD = {
    "api:feedback_create": lambda org: {
        "cycle": FeedbackRecord.objects.get(employee=org.employee).cycle_id,
        "employee": org.employee.pk,
    },
    "api:feedback_update": {"employee_view": "我同意"},
    "api:feedback_held": {"held_on": "2023-10-09"},
    "api:feedback_dispute": {"reason": "不同意"},
    "api:feedback_amendments": {"field": "next_steps", "text": "改", "reason": "补充"},
    "api:appeal_resolve": {"outcome": "upheld", "note": "已核实"},
    "api:coach": {"text": "你总是迟到。", "lang": "auto"},
    "api:feedback_requests_add": {"kind": "training", "text": "数据分析培训"},
}


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
    api_request = FeedbackRequest.objects.create(record=record, kind="resources", text="测试环境")
    appeal = Appeal.objects.create(record=record, reason="评分有误")
    about_record = {"pk": record.pk}
    about_record_api = {"record_id": record.pk}
    no_arguments = {"feedback:index", "feedback:appeals", "feedback:coach", "feedback:template"}
    no_arguments |= {"api:feedback_list", "api:feedback_create", "api:appeals", "api:coach"}
    special = {
        "api:appeal_resolve": {"appeal_id": appeal.pk},
        "feedback:cycle": {"pk": cycle.pk},
        "feedback:start": {"pk": cycle.pk, "employee_id": org.employee.pk},
        "feedback:remind": {"pk": cycle.pk},
        "feedback:appeal_resolve": {"pk": appeal.pk},
        "feedback:request_remove": {"pk": record.pk, "request_id": request.pk},
        "api:feedback_request_remove": {"record_id": record.pk, "request_id": api_request.pk},
        "api:feedback_remind": {"cycle_id": cycle.pk},
    }
    return {
        name: special.get(name, about_record_api if name.startswith("api:") else about_record)
        for name in DECLARED
        if name not in no_arguments
    }
