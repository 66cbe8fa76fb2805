"""Writing tables: CSV (UTF-8 with a BOM, so that Excel shows Chinese right) and XLSX.

Text that a spreadsheet would take for a formula (starting with =, +, -, @, a tab or a
carriage return) is written as text: a name such as "=HYPERLINK(…)" stays a name.
"""

import csv
import io
import re

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _is_formula_like(value) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def _csv_safe(value):
    # The leading apostrophe is how spreadsheets mark a cell as text (OWASP's advice for CSV).
    return "'" + value if _is_formula_like(value) else value


def csv_bytes(header: list, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_csv_safe(v) for v in header])
    writer.writerows([_csv_safe(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(header: list, rows, title: str = "Sheet1") -> bytes:
    return xlsx_sheets_bytes({title: (header, rows)})


def xlsx_sheets_bytes(sheets: dict) -> bytes:
    """A workbook of several sheets: {title: (header, rows)}."""
    workbook = Workbook(write_only=True)
    for title, (header, rows) in sheets.items():
        # A sheet's name holds none of []:*?/\ and at most 31 characters (Excel's rules).
        _sheet(workbook.create_sheet(re.sub(r"[\[\]:*?/\\]", "", title)[:31]), header, rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet(sheet, header: list, rows) -> None:
    # A header that stays in view, and columns wide enough for their header (CJK counts double).
    sheet.freeze_panes = "A2"
    for index, name in enumerate(header, start=1):
        width = sum(2 if ord(ch) > 0x2E80 else 1 for ch in str(name))
        sheet.column_dimensions[get_column_letter(index)].width = max(10, min(40, width + 4))

    def cells(values):
        out = []
        for value in values:
            if _is_formula_like(value):
                cell = WriteOnlyCell(sheet, value)
                cell.data_type = "s"  # a string cell, never a formula
                out.append(cell)
            else:
                out.append(value)
        return out

    sheet.append(cells(header))
    for row in rows:
        sheet.append(cells(row))
