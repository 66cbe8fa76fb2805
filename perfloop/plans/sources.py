"""Where a plan's first goals and support come from: the result's improvement items with their
figures, and the requests the employee made in the feedback conversation."""

from decimal import Decimal

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
            }
        )
    return candidates


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


def candidates(result, record) -> list[dict]:
    return improvement_items(result) + requests(record)
