"""ECharts options built on the server, so that labels come translated and pages stay script-light."""

from django.utils.translation import gettext as _

from perfloop.reviews.analysis import falls_short, required_score
from perfloop.reviews.breakdown import Breakdown

# The same colours as the band badges in perfloop.css.
BAND_COLOURS = {
    "excellent": "#198754",
    "good": "#20a4c9",
    "satisfactory": "#6c757d",
    "needs_improvement": "#fd7e14",
    "unsatisfactory": "#dc3545",
}


MEETS, SHORT, NO_SCORE = "#198754", "#fd7e14", "#adb5bd"


def _float(value):
    return None if value is None else float(value)


def indicator_scores(breakdown: Breakdown) -> dict:
    """Each indicator's score as a bar, green where it meets what is asked of it (the target for
    a KPI, the requirement for a competency), orange where it falls short; the requirement of
    each indicator as a marker, the target as a line at 100."""
    names = [i["name"] for i in breakdown]
    bars = []
    for item in breakdown:
        score = _float(item["score"])
        colour = NO_SCORE if score is None else SHORT if falls_short(item) else MEETS
        bars.append({"value": score, "itemStyle": {"color": colour}})
    required = [_float(required_score(i)) if i["kind"] == "competency" else None for i in breakdown]
    series = [
        {
            "name": _("Score"),
            "type": "bar",
            "data": bars,
            "label": {"show": True, "position": "top", "formatter": "{c}"},
            "markLine": {
                "symbol": "none",
                "data": [{"yAxis": 100, "name": _("Target")}],
                "label": {"formatter": _("Target"), "position": "insideEndTop"},
            },
        }
    ]
    if any(r is not None for r in required):
        series.append(
            {
                "name": _("Requirement"),
                "type": "scatter",
                "symbol": "rect",
                "symbolSize": [28, 3],
                "itemStyle": {"color": "#212529"},
                "data": required,
            }
        )
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"show": len(series) > 1, "top": 0, "right": 0},
        # Long names (English) wrap below their bar instead of running into their neighbours.
        "grid": {"left": 8, "right": 16, "top": 40, "bottom": 8, "containLabel": True},
        "xAxis": {
            "type": "category",
            "data": names,
            "axisLabel": {"interval": 0, "width": 64, "overflow": "break", "lineHeight": 14},
        },
        "yAxis": {"type": "value", "max": 120, "interval": 20},
        "series": series,
    }


def competency_radar(competencies: Breakdown) -> dict | None:
    """The competency scores as a polygon, with the polygon of what the position requires."""
    if len(competencies) < 3:
        return None  # a radar needs three axes to say anything
    data = [
        {
            "value": [0 if i["score"] is None else float(i["score"]) for i in competencies],
            "name": _("Score"),
            "areaStyle": {"opacity": 0.2},
        }
    ]
    required = [_float(required_score(i)) for i in competencies]
    data.append(
        {
            "value": required,
            "name": _("Requirement"),
            "lineStyle": {"type": "dashed", "color": "#212529"},
            "itemStyle": {"color": "#212529"},
            "symbol": "none",
        }
    )
    return {
        "tooltip": {},
        "legend": {"bottom": 0},
        "radar": {"indicator": [{"name": i["name"], "max": 100} for i in competencies], "radius": "58%"},
        "series": [{"type": "radar", "name": _("Competencies"), "data": data}],
    }


def band_distribution(rows: list[dict]) -> dict:
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 16, "top": 24, "bottom": 40},
        "xAxis": {"type": "category", "data": [r["label"] for r in rows], "axisLabel": {"interval": 0}},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {
                "name": _("People"),
                "type": "bar",
                "data": [
                    {"value": r["count"], "itemStyle": {"color": BAND_COLOURS[r["band"]]}} for r in rows
                ],
            }
        ],
    }
