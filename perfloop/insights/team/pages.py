"""What the team report's page shows of each figure: labels in the reader's language, the charts'
options, and for each figure a link to the people behind it (the lists linked to are scoped by
the reader's rights, as every list is)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _

from perfloop.access.policy import roles_for
from perfloop.feedback.models import FeedbackRecord, FeedbackRequest
from perfloop.insights.team.figures import Report
from perfloop.plans.models import Plan
from perfloop.plans.tracking.models import Closure
from perfloop.plans.tracking.words import LABELS, REASON_LABELS
from perfloop.reviews.charts import BAND_COLOURS
from perfloop.reviews.models import RootCause


def link(name: str, args=(), **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in ("", None, False)})
    return reverse(name, args=args) + (f"?{query}" if query else "")


def shown(user, report: Report) -> dict:
    """The report's sections as the page and the exports show them."""
    cycle, department = report.cycle, report.scope.department.pk
    team = lambda **p: link("reviews:team", [cycle.pk], department=department, **p)  # noqa: E731
    records = lambda **p: link("feedback:cycle", [cycle.pk], department=department, **p)  # noqa: E731
    plans = lambda **p: link("plans:index", cycle=cycle.pk, department=department, **p)  # noqa: E731
    r, c, p = report.results, report.conversations, report.plans
    S, P = FeedbackRecord.Status, Plan.Status
    conversations = [
        (S.PLANNED.label, c["statuses"][S.PLANNED], records(status=S.PLANNED)),
        (_("Held"), c["held"], records(status=S.HELD)),
        (S.ACKNOWLEDGED.label, c["statuses"][S.ACKNOWLEDGED], records(status=S.ACKNOWLEDGED)),
        (S.DISPUTED.label, c["statuses"][S.DISPUTED], records(status=S.DISPUTED)),
        (_("People without a record"), c["without"], records()),
        (_("Appeals open"), c["appeals_open"], reverse("feedback:appeals")),
        (_("Appeals resolved"), c["appeals_resolved"], reverse("feedback:appeals")),
    ]
    stages = [
        (P.DRAFT.label, p["statuses"][P.DRAFT], plans(status=P.DRAFT)),
        (LABELS["on_track"], p["tracks"]["on_track"], plans(status=P.ACTIVE)),
        (LABELS["off_track"], p["tracks"]["off_track"], plans(status=P.ACTIVE)),
        (LABELS["no_data"], p["tracks"]["no_data"], plans(status=P.ACTIVE)),
        (P.CLOSING.label, p["statuses"][P.CLOSING], plans(status=P.CLOSING)),
        *((label, p["closed"][value], plans(status=P.CLOSED)) for value, label in Closure.Result.choices),
    ]
    hr = roles_for(user).is_hr
    outcomes = [
        (label, report.outcomes[value], link("insights:outcomes", cycle=cycle.pk, group=value) if hr else "")
        for value, label in Closure.Outcome.choices
        if value != Closure.Outcome.NONE
    ]
    return {
        "bands": [{**b, "url": team(band=b["band"])} for b in r["bands"]],
        "pending_url": team(incomplete="on"),
        "problems": [
            {
                **pr,
                "causes": [(RootCause.Cause(k).label, n) for k, n in pr["causes"]],
                "url": team(short_on=pr["name"]),
            }
            for pr in report.problems
        ],
        "causes": [(label, report.causes[value]) for value, label in RootCause.Cause.choices],
        "requests": [(label, report.requests[value]) for value, label in FeedbackRequest.Kind.choices],
        "conversations": conversations,
        "plans": stages,
        "reasons": [(label, p["reasons"][code]) for code, label in REASON_LABELS.items()],
        "outcomes": outcomes,
        "band_chart": band_chart(r["bands"]),
        "histogram": histogram(r["histogram"]),
    }


def band_chart(bands: list[dict]) -> dict:
    """Bands as computed and as calibrated, side by side."""
    return {
        "tooltip": {"trigger": "axis"},
        "legend": {"bottom": 0},
        "grid": {"left": 40, "right": 16, "top": 16, "bottom": 60},
        "xAxis": {"type": "category", "data": [str(b["label"]) for b in bands], "axisLabel": {"interval": 0}},
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": _("Computed"), "type": "bar", "data": [b["computed"] for b in bands], "itemStyle": {"color": "#adb5bd"}},
            {
                "name": _("Calibrated"), "type": "bar", "itemStyle": {"color": "#495057"},  # the legend's
                "data": [{"value": b["count"], "itemStyle": {"color": BAND_COLOURS[b["band"]]}} for b in bands],
            },
        ],
    }  # fmt: skip


def histogram(steps: list[dict]) -> dict:
    return {
        "tooltip": {"trigger": "axis"},
        "grid": {"left": 40, "right": 16, "top": 16, "bottom": 40},
        "xAxis": {
            "type": "category",
            "data": [f"{s['from']}–{s['to']}" for s in steps],
            "name": _("Composite"),
        },
        "yAxis": {"type": "value", "minInterval": 1},
        "series": [
            {"name": _("People"), "type": "bar", "data": [s["count"] for s in steps], "barCategoryGap": "5%"}
        ],
    }
