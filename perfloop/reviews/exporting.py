"""Results as a table (CSV or XLSX): one row per employee, one column per indicator score."""

from perfloop.documents.writers import csv_bytes, xlsx_bytes
from perfloop.reviews.models import Band

FIXED = ["employee_no", "name", "department", "composite", "band", "band_label", "complete"]


def result_rows(results) -> tuple[list[str], list[list]]:
    results = list(results.select_related("employee__department").order_by("employee__employee_no"))
    indicators: dict[str, None] = {}
    for r in results:
        for item in r.breakdown:
            indicators.setdefault(item["name"], None)
    header = FIXED + list(indicators)
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
                "true" if r.complete else "false",
            ]
            + [None if scores.get(name) is None else float(scores[name]) for name in indicators]
        )
    return header, rows


def export(results, fmt: str) -> bytes:
    header, rows = result_rows(results)
    return csv_bytes(header, rows) if fmt == "csv" else xlsx_bytes(header, rows, "results")
