"""Results as a table (CSV or XLSX): one row per employee, one column per indicator score."""

import csv
import io

from openpyxl import Workbook

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


def to_csv(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    # With a BOM, Excel opens the Chinese text correctly.
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(header, rows, title="results") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export(results, fmt: str) -> bytes:
    header, rows = result_rows(results)
    return to_csv(header, rows) if fmt == "csv" else to_xlsx(header, rows)
