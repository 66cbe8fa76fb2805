"""ECharts options built on the server, so that labels come translated and pages stay script-light."""

from django.utils.translation import gettext as _

# The same colours as the band badges in perfloop.css.
BAND_COLOURS = {
    "excellent": "#198754",
    "good": "#20a4c9",
    "satisfactory": "#6c757d",
    "needs_improvement": "#fd7e14",
    "unsatisfactory": "#dc3545",
}


def indicator_scores(breakdown: list[dict]) -> dict:
    names = [i["name"] for i in breakdown]
    scores = [None if i["score"] is None else float(i["score"]) for i in breakdown]
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 16, "top": 24, "bottom": 60},
        "xAxis": {"type": "category", "data": names, "axisLabel": {"interval": 0, "rotate": 30}},
        "yAxis": {"type": "value", "max": 120},
        "series": [
            {
                "name": _("Score"),
                "type": "bar",
                "data": scores,
                "markLine": {
                    "symbol": "none",
                    "data": [{"yAxis": 100, "name": _("Target")}],
                    "label": {"formatter": _("Target"), "position": "insideEndTop"},
                },
            }
        ],
    }


def competency_radar(competencies: list[dict]) -> dict | None:
    if len(competencies) < 3:
        return None  # a radar needs three axes to say anything
    return {
        "tooltip": {},
        "radar": {"indicator": [{"name": i["name"], "max": 100} for i in competencies], "radius": "60%"},
        "series": [
            {
                "type": "radar",
                "name": _("Competencies"),
                "data": [
                    {
                        "value": [0 if i["score"] is None else float(i["score"]) for i in competencies],
                        "name": _("Score"),
                    }
                ],
            }
        ],
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
