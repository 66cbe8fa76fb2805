"""A goal's progress as an ECharts line over time: baseline at the start, the readings, the
milestones' expected values, the target by the deadline (options built here, labels translated)."""

from django.utils.translation import gettext as _

READINGS, MILESTONES, TARGET = "#0d6efd", "#fd7e14", "#198754"


def _f(value):
    return None if value is None else float(value)


def goal_progress(goal, readings, milestones, start) -> dict:
    """`readings`: (date, value) in order; `milestones`: the goal's, with due and expected."""
    days = lambda d: d.isoformat()  # noqa: E731
    line = [[days(start), _f(goal.baseline)]] if goal.baseline is not None else []
    line += [[days(on), _f(value)] for on, value in readings]
    series = [
        {"name": _("Readings"), "type": "line", "data": line, "color": READINGS, "symbolSize": 8},
        {
            "name": _("Milestones"),
            "type": "scatter",
            "symbol": "diamond",
            "symbolSize": 12,
            "color": MILESTONES,
            "data": [[days(m.due), _f(m.expected)] for m in milestones if m.expected is not None],
        },
    ]
    if goal.target is not None:
        end = goal.deadline or (readings[-1][0] if readings else start)
        series.append(
            {"name": _("Target"), "type": "scatter", "symbol": "pin", "symbolSize": 18, "color": TARGET,
             "data": [[days(end), _f(goal.target)]],
             "markLine": {"symbol": "none", "data": [{"yAxis": _f(goal.target)}], "label": {"formatter": _("Target")},
                          "lineStyle": {"color": TARGET, "type": "dashed"}}}
        )  # fmt: skip
    return {
        "title": {"text": goal.metric or goal.description[:30], "textStyle": {"fontSize": 13}},
        "tooltip": {"trigger": "item"},
        "legend": {"top": 0, "right": 0},
        "grid": {"left": 48, "right": 72, "top": 56, "bottom": 30},
        "xAxis": {"type": "time"},
        "yAxis": {"type": "value", "name": goal.unit, "scale": True},
        "series": series,
    }
