"""The scoring rules of PRODUCT.md, as plain functions on Decimals (no Django).

- KPI achievement = actual / target (target / actual when lower is better), capped at the cap;
  KPI score = achievement × 100.
- Competency score = mean rating × 20, the mean weighted by relation (manager 50%, peer 20%,
  subordinate 15%, self 10%, customer 5% by default), re-normalised over the relations present.
- Composite = Σ weight × score / 100, rounded half-up to 0.1; incomplete when any score is missing.
- Band from the cycle's thresholds, applied to the rounded composite.
"""

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

RULE_VERSION = "2026.1"
HUNDRED = Decimal(100)
DEFAULT_CAP = Decimal(120)
DEFAULT_RELATION_WEIGHTS = {"manager": 50, "peer": 20, "subordinate": 15, "self": 10, "customer": 5}
BANDS = ["excellent", "good", "satisfactory", "needs_improvement", "unsatisfactory"]
DEFAULT_THRESHOLDS = {"excellent": 90, "good": 80, "satisfactory": 70, "needs_improvement": 60}


def round_half_up(value: Decimal, places: str = "0.1") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def kpi_achievement(actual: Decimal, target: Decimal, *, lower_is_better: bool, cap: Decimal) -> Decimal:
    """Achievement in percent. A lower-is-better actual of 0 is perfect and gets the cap."""
    if target <= 0:
        raise ValueError("target must be positive")
    if lower_is_better:
        achievement = cap if actual <= 0 else target / actual * HUNDRED
    else:
        achievement = max(actual, Decimal(0)) / target * HUNDRED
    return min(achievement, cap)


def competency_score(
    mean_by_relation: Mapping[str, Decimal], weights: Mapping[str, float | int | Decimal]
) -> Decimal | None:
    """Weighted mean of the relations' mean ratings (1–5) × 20; None when nobody rated."""
    present = {r: Decimal(str(weights.get(r, 0))) for r in mean_by_relation}
    total = sum(present.values())
    if not mean_by_relation:
        return None
    if total == 0:
        # Only relations without weight rated: a plain mean is the fairest reading.
        mean = sum(mean_by_relation.values()) / len(mean_by_relation)
    else:
        mean = sum(Decimal(mean_by_relation[r]) * w for r, w in present.items()) / total
    return mean * 20


def composite(items: Iterable[tuple[Decimal, Decimal | None]]) -> tuple[Decimal | None, bool]:
    """Σ weight% × score, rounded half-up to 0.1, with whether every score was there.

    When a score is missing the composite of the present ones is still given (for the
    explanation), and flagged incomplete; a missing score is never taken as zero.
    """
    total = Decimal(0)
    complete = True
    seen = False
    for weight, score in items:
        if score is None:
            complete = False
            continue
        seen = True
        total += Decimal(weight) * score / HUNDRED
    if not seen:
        return None, False
    return round_half_up(total), complete


def band_for(
    score: Decimal | None, thresholds: Mapping[str, float | int | Decimal] | None = None
) -> str | None:
    if score is None:
        return None
    thresholds = thresholds or DEFAULT_THRESHOLDS
    for band in BANDS[:-1]:
        if score >= Decimal(str(thresholds[band])):
            return band
    return BANDS[-1]
