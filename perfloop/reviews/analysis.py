"""Strengths 优势项 and improvement items 待改进项 of a result, each with its gap in figures.

- strength: a score of 100 or more, or in the top quarter of the same indicator in the department;
- improvement item: a KPI under 100 (below target), or a score under the stated requirement;
  a competency with no stated requirement falls short under 60 (ratings under 3 of 5).
"""

from decimal import Decimal

from django.utils.translation import gettext as _

from perfloop.reviews.breakdown import Breakdown, IndicatorScore

COMPETENCY_FLOOR = Decimal(60)
TOP_QUARTER_MIN_PEOPLE = 4


def _fmt(value: Decimal) -> str:
    """95.00 → "95", 63.33 → "63.33": figures as a person writes them."""
    return f"{value.normalize():f}"


def required_score(item: IndicatorScore) -> Decimal | None:
    if item.get("requirement") is not None:
        return Decimal(item["requirement"])
    return COMPETENCY_FLOOR if item["kind"] == "competency" else None


def falls_short(item: IndicatorScore) -> bool:
    if item.get("score") is None:
        return False
    score = Decimal(item["score"])
    required = required_score(item)
    if required is not None and score < required:
        return True
    return item["kind"] == "kpi" and score < 100


def gap(item: IndicatorScore) -> Decimal | None:
    """How many points a score falls short by, as the analysis words it: a KPI under target by its
    achievement's distance to 100, anything else by its distance to the requirement."""
    if not falls_short(item):
        return None
    score = Decimal(item["score"])
    required = required_score(item)
    if item["kind"] == "kpi" and (required is None or score >= required):
        return Decimal(100) - score
    return required - score


def top_quarter_cut(scores: list[Decimal]) -> Decimal | None:
    """The score at or above which a person is in the top quarter; None for small groups."""
    if len(scores) < TOP_QUARTER_MIN_PEOPLE:
        return None
    ordered = sorted(scores, reverse=True)
    return ordered[max(0, len(ordered) // 4 - 1)]


def analyse(breakdown: Breakdown, department: str):
    """(strengths, improvement items) as dicts with a sentence each, in the current language.

    Whether a score is in its department's top quarter was settled when the cycle was scored
    (`top_quarter` in the breakdown), so that no page loads the department's results.
    """
    strengths, improvements = [], []
    for item in breakdown:
        if item.get("score") is None:
            continue
        score = Decimal(item["score"])
        name = item["name"]
        if falls_short(item):
            improvements.append({**item, "sentence": _shortfall_sentence(item, score)})
            continue
        if score >= 100:
            strengths.append({**item, "sentence": _above_target_sentence(item, score)})
        elif item.get("top_quarter"):
            strengths.append(
                {
                    **item,
                    "sentence": _("%(indicator)s %(score)s points, in the top quarter of %(department)s.")
                    % {"indicator": name, "score": _fmt(score), "department": department},
                }
            )
    return strengths, improvements


def _above_target_sentence(item: dict, score: Decimal) -> str:
    if item["kind"] == "kpi":
        return _(
            "%(indicator)s: %(achievement)s%% of target (%(actual)s %(unit)s against %(target)s %(unit)s)."
        ) % {
            "indicator": item["name"],
            "achievement": _fmt(Decimal(item["achievement"])),
            "actual": _fmt(Decimal(item["actual"])),
            "target": _fmt(Decimal(item["target"])),
            "unit": item["unit"],
        }
    return _("%(indicator)s %(score)s points, the highest rating.") % {
        "indicator": item["name"],
        "score": _fmt(score),
    }


def _shortfall_sentence(item: dict, score: Decimal) -> str:
    required = required_score(item)
    if item["kind"] == "kpi" and (required is None or score >= required):
        actual, target = Decimal(item["actual"]), Decimal(item["target"])
        gap = abs(target - actual)
        return _(
            "%(indicator)s: %(actual)s %(unit)s against a target of %(target)s %(unit)s "
            "(%(achievement)s%%), %(gap)s %(unit)s short."
        ) % {
            "indicator": item["name"],
            "actual": _fmt(actual),
            "target": _fmt(target),
            "unit": item["unit"],
            "achievement": _fmt(Decimal(item["achievement"])),
            "gap": _fmt(gap),
        }
    return _("%(indicator)s %(score)s points, the position requires %(required)s: %(gap)s short.") % {
        "indicator": item["name"],
        "score": _fmt(score),
        "required": _fmt(required),
        "gap": _fmt(required - score),
    }
