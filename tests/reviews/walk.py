"""URL-walk declarations of the review stage's pages and API operations."""

import datetime as dt

from perfloop.reviews.models import Indicator, Result, ReviewCycle, RootCause, Template
from tests.access.walk_roles import CYCLE_VIEWERS, HR, SIGNED_IN, TEAM_VIEWERS

DECLARED = {
    "reviews:cycle_list": ("get", CYCLE_VIEWERS),
    "reviews:cycle_detail": ("get", HR),
    "reviews:cycle_status": ("post", HR),
    "reviews:cycle_status_confirm": ("get", HR),
    "reviews:cycle_score": ("post", HR),
    "reviews:cycle_settings": ("post", HR),
    "reviews:team": ("get", TEAM_VIEWERS),
    "reviews:team_export": ("get", TEAM_VIEWERS),
    "reviews:template_list": ("get", HR),
    # Written on the page by HR; saving is refused beyond the HR user's scope (tests/reviews/test_template_page.py).
    "reviews:template_new": ("get", HR),
    "reviews:template_edit": ("get", HR),
    "reviews:entry": ("get", {"manager", "hr_in_scope"}),
    "reviews:my_reviews": ("get", CYCLE_VIEWERS),
    # The target's result in a cycle that has reached feedback.
    "reviews:result_detail": ("get", {"employee", "manager", "hr_in_scope"}),
    "reviews:result_calibrate": ("post", {"hr_in_scope"}),
    "reviews:result_root_cause": ("post", {"manager", "hr_in_scope"}),
    "reviews:result_root_cause_remove": ("post", {"manager", "hr_in_scope"}),
    "api:cycles": ("get", SIGNED_IN),  # cycles are not personal; each sees those of their role
    "api:cycles_create": ("post", HR),
    "api:cycle_results": ("get", SIGNED_IN),  # a list scoped to what each may see
    "api:result": ("get", {"employee", "manager", "hr_in_scope"}),
    # Calibration only while calibrating: the walk's cycle is in feedback, so nobody may.
    "api:result_calibration": ("post", set()),
    "api:cycle_import": ("post", HR),
    # The walk's cycle is in feedback: a move back to open, scoring and new settings are refused
    # with 409 (the request reached the cycle); each is tested for real in tests/reviews/test_cycle_api.py.
    "api:cycle_status": ("post", HR),
    "api:cycle_score": ("post", HR),
    "api:cycle_settings": ("get", HR),
    "api:cycle_settings_change": ("put", HR),
    "api:result_root_causes_add": ("post", {"manager", "hr_in_scope"}),
    "api:result_root_cause_remove": ("delete", {"manager", "hr_in_scope"}),
    # The target's data for the walk's cycle (in feedback: refused with 409 to those who may enter it).
    "api:cycle_actuals": ("put", {"hr_in_scope"}),
    "api:cycle_evidence_add": ("post", {"manager", "hr_in_scope"}),
}
ABOUT_TARGET = {
    "reviews:result_detail",
    "reviews:entry",
    "reviews:result_calibrate",
    "reviews:result_root_cause",
    "reviews:result_root_cause_remove",
    "api:result",
    "api:result_calibration",
    "api:result_root_causes_add",
    "api:result_root_cause_remove",
    "api:cycle_actuals",
    "api:cycle_evidence_add",
}
# What a POST sends, so that refusals come from access rules and not from a malformed body.
PAYLOAD = {
    "api:cycles_create": {"name": "2024年H1", "start_date": "2024-01-01", "end_date": "2024-06-30"},
    "api:result_calibration": {"band": "good", "reason": "walk"},
    "api:cycle_status": {"to": "open"},
    "api:cycle_settings_change": {
        "thresholds": {"excellent": 95, "good": 85, "satisfactory": 70, "needs_improvement": 60},
        "relation_weights": {"manager": 50, "peer": 30, "subordinate": 20},
        "min_raters": 3,
    },
    "api:cycle_actuals": lambda org: {
        "values": [
            {
                "indicator": Result.objects.get(employee=org.employee).breakdown[0]["indicator_id"],
                "actual": 90,
            }
        ]
    },
    "api:cycle_evidence_add": {"date": "2023-08-01", "kind": "positive", "what": "提前两天交付"},
    "api:result_root_causes_add": lambda org: {
        "indicator_id": Result.objects.get(employee=org.employee).breakdown[0]["indicator_id"],
        "cause": "skills",
    },
}
FILES = {"api:cycle_import": ("r.csv", b"employee_no,indicator,actual\n")}


def arguments(org) -> dict:
    cycle, result = cycle_with_result(org)
    cause = RootCause.objects.create(
        result=result,
        indicator_id=result.breakdown[0]["indicator_id"],
        cause="skills",
        by=org.user("hr_in_scope"),
    )
    api_cause = RootCause.objects.create(
        result=result,
        indicator_id=result.breakdown[0]["indicator_id"],
        cause="goals",
        by=org.user("hr_in_scope"),
    )
    return {
        "reviews:result_root_cause_remove": {"pk": result.pk, "cause_id": cause.pk},
        "reviews:cycle_detail": {"pk": cycle.pk},
        "reviews:template_edit": {"pk": result.template_id},
        "reviews:cycle_status": {"pk": cycle.pk},
        "reviews:cycle_status_confirm": {"pk": cycle.pk, "to": "closed"},
        "reviews:cycle_score": {"pk": cycle.pk},
        "reviews:cycle_settings": {"pk": cycle.pk},
        "reviews:team": {"pk": cycle.pk},
        "reviews:team_export": {"pk": cycle.pk},
        "reviews:result_detail": {"pk": result.pk},
        "reviews:entry": {"pk": cycle.pk, "employee_id": org.employee.pk},
        "reviews:result_calibrate": {"pk": result.pk},
        "reviews:result_root_cause": {"pk": result.pk},
        "api:cycle_results": {"cycle_id": cycle.pk},
        "api:result": {"result_id": result.pk},
        "api:result_calibration": {"result_id": result.pk},
        "api:cycle_import": {"cycle_id": cycle.pk, "kind": "results"},
        "api:cycle_status": {"cycle_id": cycle.pk},
        "api:cycle_score": {"cycle_id": cycle.pk},
        "api:cycle_settings": {"cycle_id": cycle.pk},
        "api:cycle_settings_change": {"cycle_id": cycle.pk},
        "api:result_root_causes_add": {"result_id": result.pk},
        "api:cycle_actuals": {"cycle_id": cycle.pk, "employee_id": org.employee.pk},
        "api:cycle_evidence_add": {"cycle_id": cycle.pk, "employee_id": org.employee.pk},
        "api:result_root_cause_remove": {"result_id": result.pk, "cause_id": api_cause.pk},
    }


def cycle_with_result(org):
    """A cycle in feedback with a computed result for the target employee (made once per walk)."""
    existing = Result.objects.filter(employee=org.employee).select_related("cycle").first()
    if existing is not None:
        return existing.cycle, existing
    template = Template.objects.create(name="研发岗")
    template.positions.add(org.employee.position)
    indicator = Indicator.objects.create(template=template, name="交付", kind="kpi", weight=100, target=100)
    cycle = ReviewCycle.objects.create(
        name="2023年Q3", start_date=dt.date(2023, 7, 1), end_date=dt.date(2023, 9, 30), status="feedback"
    )
    result = Result.objects.create(
        cycle=cycle,
        employee=org.employee,
        template=template,
        composite=95,
        complete=True,
        band="excellent",
        computed_band="excellent",
        rule_version="t",
        computed_at=cycle.created_at,
        breakdown=[
            {
                "indicator_id": indicator.pk,
                "name": "交付",
                "kind": "kpi",
                "unit": "",
                "weight": "100",
                "requirement": None,
                "actual": "95",
                "target": "100",
                "achievement": "95",
                "score": "95",
                "contribution": "95",
                "direction": "higher",
                "cap": "120",
                "personal_target": False,
            }
        ],
    )
    return cycle, result
