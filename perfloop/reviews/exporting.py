"""Results as a table (CSV or XLSX): one row per employee, one column per indicator score.

Commands write column codes for scripts (`employee_no` …); the team page's download writes the
headers in the user's language for people (工号 …).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perfloop.documents.writers import csv_bytes, xlsx_bytes
from perfloop.reviews.models import Band

FIXED = ["employee_no", "name", "department", "composite", "band", "band_label", "complete"]
FIXED_LABELS = [
    gettext_lazy("Employee number"),
    gettext_lazy("Name"),
    gettext_lazy("Department"),
    gettext_lazy("Composite score"),
    gettext_lazy("Band code"),
    gettext_lazy("Band"),
    gettext_lazy("Complete"),
]


def result_rows(results, *, for_people: bool = False) -> tuple[list[str], list[list]]:
    results = list(results.select_related("employee__department").order_by("employee__employee_no"))
    indicators: dict[str, None] = {}
    for r in results:
        for item in r.breakdown:
            indicators.setdefault(item["name"], None)
    header = ([str(label) for label in FIXED_LABELS] if for_people else FIXED) + list(indicators)
    yes, no = (_("Yes"), _("No")) if for_people else ("true", "false")
    rows = []
    for r in results:
        scores = {item["name"]: item["score"] for item in r.breakdown}
        rows.append(
            [
                r.employee.employee_no,
                r.employee.name,
                r.employee.department.name,
                None if r.composite is None else float(r.composite),
                r.band,
                str(Band(r.band).label) if r.band else "",
                yes if r.complete else no,
            ]
            + [None if scores.get(name) is None else float(scores[name]) for name in indicators]
        )
    return header, rows


def export(results, fmt: str, *, for_people: bool = False) -> bytes:
    header, rows = result_rows(results, for_people=for_people)
    if fmt == "csv":
        return csv_bytes(header, rows)
    return xlsx_bytes(header, rows, _("Results") if for_people else "results")
