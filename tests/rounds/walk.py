"""URL-walk declarations of online reviews: a confidential round over the whole organisation (which
only company-wide HR runs: none in the walk's organisation), the target's self-assessment, a peer
they proposed."""

import datetime as dt

from django.utils import timezone

from perfloop.reviews.models import Indicator, ReviewCycle, Template
from perfloop.rounds.models import Nomination, ReviewForm, ReviewRound
from tests.access.walk_roles import HR, SIGNED_IN, TEAM_VIEWERS

WITH_EMPLOYEE = {"employee", "other_employee", "manager", "other_manager"}  # those who write reviews
DECIDERS = {"manager", "hr_in_scope"}  # the target's managers and HR in scope

DECLARED = {
    "rounds:index": ("get", TEAM_VIEWERS),
    "rounds:new": ("get", HR),
    "rounds:round": ("get", TEAM_VIEWERS),
    "rounds:close": ("post", set()),  # company-wide HR for a company-wide round
    "rounds:remind": ("post", set()),
    "rounds:nominations": ("get", WITH_EMPLOYEE | HR),
    "rounds:nominate": ("post", WITH_EMPLOYEE),  # each for themself (HR name the person: 404 without)
    "rounds:people": ("get", WITH_EMPLOYEE),
    "rounds:decide": ("post", DECIDERS),
    "rounds:inbox": ("get", WITH_EMPLOYEE),
    "rounds:form": ("get", {"employee", "manager", "hr_in_scope"}),  # a self-assessment: its managers read it
    "rounds:reopen": ("post", {"hr_in_scope"}),
    "rounds:coach": ("post", WITH_EMPLOYEE),
    "api:reviews_owed": ("get", SIGNED_IN),  # an empty list for those who owe none
    "api:review_form": ("get", {"employee", "manager", "hr_in_scope"}),
    "api:review_form_save": ("put", {"employee"}),  # the reviewer alone writes
    "api:round_progress": ("get", TEAM_VIEWERS),
    "api:round_nominations": ("get", WITH_EMPLOYEE),  # one's own proposals
    "api:round_nominate": ("post", {"employee", *DECIDERS}),
    "api:nomination_decide": ("post", DECIDERS),
    "api:round_close": ("post", set()),  # as on the page: company-wide HR's round
    "api:round_remind": ("post", set()),
    "api:review_form_reopen": ("post", {"hr_in_scope"}),
    "api:rounds_open": ("post", HR),  # a second round over the same people: 409 (HR of 销售部: 400)
}
# About the target, or about the user themself (their reviews to write, their proposals): when the
# target is made HR, these stay what they are for an employee.
ABOUT_TARGET = {
    "rounds:decide", "rounds:form", "rounds:reopen", "api:review_form", "api:review_form_save",
    "api:round_nominate", "api:nomination_decide", "rounds:nominate", "rounds:people", "rounds:inbox",
    "rounds:coach", "api:round_nominations", "api:review_form_reopen",
}  # fmt: skip
PAYLOAD = {
    "api:review_form_save": {"overall": "按时交付"},
    "api:round_nominate": lambda org: {"employee": org.employee.pk, "reviewer": org.other_employee.pk},
    "api:nomination_decide": {"decision": "approve"},
    "api:review_form_reopen": {"reason": "请补充具体事例"},
    "api:rounds_open": lambda org: {
        "cycle": ReviewCycle.objects.get(name="2026年Q4").pk,
        "department": org.backend.pk,
        "relations": ["self"],
        "opens_on": "2026-12-01",
        "deadline": "2026-12-20",
    },
}


def arguments(org) -> dict:
    template = Template.objects.create(name="通用岗")
    template.departments.add(org.company)
    Indicator.objects.create(template=template, name="沟通", kind="competency", weight=100)
    cycle = ReviewCycle.objects.create(
        name="2026年Q4", start_date=dt.date(2026, 10, 1), end_date=dt.date(2026, 12, 31), status="open"
    )
    today = timezone.localdate()
    round = ReviewRound.objects.create(
        cycle=cycle, opens_on=today - dt.timedelta(days=1), deadline=today + dt.timedelta(days=7)
    )
    form = ReviewForm.objects.create(  # submitted: its managers and HR in scope read it
        round=round,
        employee=org.employee,
        reviewer=org.employee,
        relation="self",
        template=template,
        status="submitted",
    )
    other = ReviewForm.objects.create(  # the manager's, submitted: reopened over the API
        round=round, employee=org.employee, reviewer=org.manager, relation="manager", template=template,
        status="submitted",
    )  # fmt: skip
    nomination = Nomination.objects.create(
        round=round, employee=org.employee, reviewer=org.ceo, proposed_by=org.user("employee")
    )
    return {
        "rounds:round": {"pk": round.pk}, "rounds:close": {"pk": round.pk}, "rounds:remind": {"pk": round.pk},
        "rounds:nominations": {"pk": round.pk}, "rounds:nominate": {"pk": round.pk}, "rounds:people": {"pk": round.pk},
        "rounds:decide": {"pk": nomination.pk}, "rounds:form": {"pk": form.pk}, "rounds:reopen": {"pk": form.pk},
        "api:review_form": {"form_id": form.pk}, "api:review_form_save": {"form_id": form.pk},
        "api:round_progress": {"round_id": round.pk}, "api:round_nominations": {"round_id": round.pk},
        "api:round_nominate": {"round_id": round.pk}, "api:nomination_decide": {"nomination_id": nomination.pk},
        "api:round_close": {"round_id": round.pk}, "api:round_remind": {"round_id": round.pk},
        "api:review_form_reopen": {"form_id": other.pk},
    }  # fmt: skip
