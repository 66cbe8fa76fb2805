"""The team report as a workbook (a sheet per section) and as a PDF for a meeting, its charts drawn
on the server as SVG: one list of tables feeds both, in the reader's language."""

from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from perfloop.documents import pdf
from perfloop.documents.writers import xlsx_sheets_bytes
from perfloop.insights.team.figures import Report
from perfloop.reviews.charts import BAND_COLOURS


def _n(value) -> str:
    return "—" if value is None else str(value)


def tables(report: Report, shown: dict) -> list[tuple[str, list, list]]:
    """(title, header, rows) per section of the report."""
    r = report.results
    worked = report.worked
    found = [
        (_("Results"), [_("Band"), _("Computed"), _("Calibrated")],
         [[b["label"], b["computed"], b["count"]] for b in r["bands"]] + [[_("Incomplete"), "", r["pending"]]]),
        (_("Composite scores"), [_("From"), _("To"), _("People")],
         [[s["from"], s["to"], s["count"]] for s in r["histogram"]]),
        (_("Common problems"), [_("Indicator"), _("Scored"), _("Falling short"), _("Share (%)"), _("Median points short"), _("Root causes")],
         [[p["name"], p["scored"], p["short"], p["share"], _n(p["median_gap"]), "、".join(f"{label} {n}" for label, n in p["causes"])]
          for p in shown["problems"]]),
        (_("Root causes"), [_("Root cause"), _("People")], [list(row) for row in shown["causes"]]),
        (_("The employees’ requests"), [_("Kind of request"), _("People")], [list(row) for row in shown["requests"]]),
        (_("Feedback conversations"), [_("Stage"), _("People")],
         [[label, n] for label, n, _url in shown["conversations"]]
         + [[_("Median days from results to the conversation"), _n(report.conversations["median_days"])]]),
        (_("Improvement plans"), [_("Stage"), _("Plans")],
         [[label, n] for label, n, _url in shown["plans"]]
         + [[_("Active plans with check-ins on time"), f"{report.plans['checkins_on_time']}/{report.plans['active']}"],
            [_("Company support kept on time"), f"{report.plans['support_kept']}/{report.plans['support_due']}"]]
         + [[label, n] for label, n in shown["reasons"]]),
        (_("Outcomes"), [_("Outcome"), _("Plans")], [[label, n] for label, n, _url in shown["outcomes"]]),
    ]  # fmt: skip
    if worked:
        found.append((
            _("Did it work?"),
            [_("Band in %(before)s") % {"before": worked["cycle"].name}, _("With a closed plan"), _("People"),
             _("Without a plan"), _("People")],
            [[row["label"], _n(row.get("with", {}).get("change")), row.get("with", {}).get("n", 0),
              _n(row.get("without", {}).get("change")), row.get("without", {}).get("n", 0)] for row in worked["by_band"]],
        ))  # fmt: skip
    return [
        (title, [str(h) for h in header], [[_cell(c) for c in row] for row in rows])
        for title, header, rows in found
    ]


def _cell(value):
    """Labels (lazily translated) as text; numbers as numbers."""
    return str(value) if isinstance(value, Promise) else value


def workbook(report: Report, shown: dict) -> bytes:
    return xlsx_sheets_bytes({title: (header, rows) for title, header, rows in tables(report, shown)})


def bars(items: list[tuple[str, int, str]], width: int = 480, height: int = 150) -> str:
    """A bar chart as SVG markup: (label, value, colour) per bar, the value above each bar."""
    top = max((v for _l, v, _c in items), default=0) or 1
    step = width / max(len(items), 1)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + 36}" class="chart">']
    for i, (label, value, colour) in enumerate(items):
        h = round(height * value / top)
        x = round(i * step + step * 0.15)
        w = round(step * 0.7)
        parts.append(f'<rect x="{x}" y="{height - h + 14}" width="{w}" height="{h}" fill="{colour}"/>')
        parts.append(
            f'<text x="{x + w / 2}" y="{height - h + 10}" text-anchor="middle" font-size="9">{value}</text>'
        )
        parts.append(
            f'<text x="{x + w / 2}" y="{height + 28}" text-anchor="middle" font-size="9">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every label escaped above


def pdf_bytes(report: Report, shown: dict) -> bytes:
    html = render_to_string(
        "insights/team_print.html",
        {
            "report": report,
            "tables": tables(report, shown),
            "band_chart": bars(
                [(b["label"], b["count"], BAND_COLOURS[b["band"]]) for b in report.results["bands"]]
            ),
            "histogram": bars([(str(s["from"]), s["count"], "#0d6efd") for s in report.results["histogram"]]),
        },
    )
    return pdf.html_to_pdf(html, "documents/print.css")
