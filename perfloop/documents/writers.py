"""Writing tables: CSV (UTF-8 with a BOM, so that Excel shows Chinese right) and XLSX."""

import csv
import io

from openpyxl import Workbook


def csv_bytes(header: list, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(header: list, rows, title: str = "Sheet1") -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
