"""The shape of a result's breakdown: one entry per indicator, kept as JSON on the result.

Written by `services.explain`, read by the result page, the charts, the analysis, the exports
and the API (whose schema is `IndicatorScoreOut`). Numbers are decimal strings ("95.00"), so
that what is shown is exactly what was computed.
"""

from typing import Literal, NotRequired, TypedDict

from ninja import Schema


class RelationMean(TypedDict):
    mean: str  # mean rating 1–5 of the relation's raters
    count: int  # how many raters


class IndicatorScore(TypedDict):
    indicator_id: int
    name: str
    kind: Literal["kpi", "competency"]
    unit: str
    weight: str  # percent of the composite
    requirement: str | None  # the position's required score (岗位要求)
    score: str | None  # KPI: achievement in percent, capped; competency: mean × 20
    contribution: str | None  # weight × score ÷ 100
    # among the top quarter of this indicator's scores in the person's department (set when scored)
    top_quarter: NotRequired[bool]
    # KPIs only
    direction: NotRequired[Literal["higher", "lower"]]
    cap: NotRequired[str]
    target: NotRequired[str | None]
    personal_target: NotRequired[bool]
    actual: NotRequired[str | None]
    achievement: NotRequired[str | None]
    # competencies only: relation code → mean and raters (merged below the cycle's minimum raters)
    by_relation: NotRequired[dict[str, RelationMean]]


Breakdown = list[IndicatorScore]


class RelationMeanOut(Schema):
    mean: str
    count: int


class IndicatorScoreOut(Schema):
    """One indicator of a result's breakdown, as `IndicatorScore` says."""

    indicator_id: int
    name: str
    kind: Literal["kpi", "competency"]
    unit: str
    weight: str
    requirement: str | None
    score: str | None
    contribution: str | None = None
    top_quarter: bool | None = None
    direction: Literal["higher", "lower"] | None = None
    cap: str | None = None
    target: str | None = None
    personal_target: bool | None = None
    actual: str | None = None
    achievement: str | None = None
    by_relation: dict[str, RelationMeanOut] | None = None
