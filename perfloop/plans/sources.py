"""Where a plan's first goals and support come from. An improvement plan: the result's improvement
items with their figures, and the requests the employee made in the feedback conversation. A
development plan: the result's strengths 优势项 with their figures, the person's career wishes
(职业发展 requests, in the conversation or their self-assessment), and their other requests."""

from decimal import Decimal

from django.utils.translation import gettext as _

from perfloop.feedback.models import FeedbackRequest
from perfloop.plans.models import Action, Support
from perfloop.reviews import analysis

# What each kind of request becomes on the plan: the company's support, or the manager's action.
REQUEST_BECOMES = {
    FeedbackRequest.Kind.TRAINING: ("support", Support.Kind.BUDGET),
    FeedbackRequest.Kind.RESOURCES: ("support", Support.Kind.TOOLS),
    FeedbackRequest.Kind.WORKLOAD: ("support", Support.Kind.TIME),
    FeedbackRequest.Kind.OTHER: ("support", Support.Kind.OTHER),
    FeedbackRequest.Kind.GOAL_CLARITY: ("action", Action.Owner.MANAGER),
    FeedbackRequest.Kind.CAREER: ("goal", None),  # where the person wants to go: a development goal
}


def improvement_items(result) -> list[dict]:
    """The result's improvement items as goal candidates: the indicator, where the person is
    (baseline) and where the position needs them (target), in the indicator's unit."""
    if result is None:
        return []
    _strengths, items = analysis.analyse(result.breakdown, result.employee.department.name)
    candidates = []
    for item in items:
        if item["kind"] == "kpi" and item.get("actual") is not None and item.get("target") is not None:
            baseline, target, unit = Decimal(item["actual"]), Decimal(item["target"]), item["unit"]
        else:
            baseline, target = Decimal(item["score"]), analysis.required_score(item) or Decimal(100)
            unit = "分"
        candidates.append(
            {
                "key": f"indicator:{item['indicator_id']}",
                "indicator_id": item["indicator_id"],
                "name": item["name"],
                "sentence": item["sentence"],
                "metric": item["name"],
                "unit": unit,
                "baseline": baseline,
                "target": target,
                "direction": "down" if item.get("direction") == "lower" else "up",
                "badge": _("Improvement item"),
            }
        )
    return candidates


def strengths(result) -> list[dict]:
    """The result's strengths as goal candidates for a development plan: where the person stands
    (the baseline, in the indicator's unit); the target is the manager's to set with them."""
    if result is None:
        return []
    found, _items = analysis.analyse(result.breakdown, result.employee.department.name)
    candidates = []
    for item in found:
        kpi = item["kind"] == "kpi" and item.get("actual") is not None
        candidates.append({
            "key": f"strength:{item['indicator_id']}", "indicator_id": item["indicator_id"], "name": item["name"],
            "sentence": item["sentence"], "metric": item["name"], "unit": item["unit"] if kpi else "分",
            "baseline": Decimal(item["actual"]) if kpi else Decimal(item["score"]), "target": None,
            "direction": "down" if item.get("direction") == "lower" else "up", "badge": _("Strength"),
        })  # fmt: skip
    return candidates


def wishes(employee) -> list[dict]:
    """Career wishes the person wrote in their latest submitted self-assessment (职业发展)."""
    from perfloop.rounds.selectors import career_wishes

    return [
        {"key": f"wish:{form_id}:{n}", "kind": FeedbackRequest.Kind.CAREER, "label": _("Career wish (self-assessment)"),
         "text": text, "becomes": "goal", "as": None}
        for form_id, n, text in career_wishes(employee)
    ]  # fmt: skip


def requests(record) -> list[dict]:
    if record is None:
        return []
    candidates = []
    for request in record.requests.all():
        becomes, kind = REQUEST_BECOMES.get(request.kind, ("support", Support.Kind.OTHER))
        candidates.append(
            {
                "key": f"request:{request.pk}",
                "kind": request.kind,
                "label": request.get_kind_display(),
                "text": request.text,
                "becomes": becomes,
                "as": kind,
            }
        )
    return candidates


def candidates(result, record, *, kind: str = "improvement", employee=None) -> list[dict]:
    if kind == "development":
        return strengths(result) + requests(record) + (wishes(employee) if employee is not None else [])
    return improvement_items(result) + [r for r in requests(record) if r["becomes"] != "goal"]
