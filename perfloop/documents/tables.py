"""Reading uploaded tables (XLSX or CSV) into rows, with header names in Chinese or English.

Shared by every import: a reader turns bytes into (line number, {field: value})
rows, and says in the user's language what is wrong with a file it cannot read.
"""

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

XLSX_MAGIC = b"PK\x03\x04"


class TableError(ValueError):
    """The file as a whole cannot be used; the message is for the user."""


@dataclass(frozen=True)
class Column:
    field: str
    aliases: tuple[str, ...]
    required: bool = True

    @property
    def label(self) -> str:
        return "/".join(self.aliases[:2])


@dataclass(frozen=True)
class Row:
    line: int
    values: dict


def _normalise_header(value) -> str:
    return str(value or "").strip().replace(" ", "").replace("_", "").lower()


def _read_cells(content: bytes, filename: str) -> list[list]:
    if not content or not content.strip():
        raise TableError(_("The file is empty."))
    if content.startswith(XLSX_MAGIC):
        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
            return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as exc:  # calamine raises several unrelated types for broken files
            raise TableError(_("The file could not be read as XLSX: %(reason)s") % {"reason": exc}) from exc
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")) or b"\x00" in content[:4096]:
        raise TableError(_("The file is not a valid XLSX workbook. Save it as .xlsx or as CSV (UTF-8)."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise TableError(_("The file is not text in UTF-8 or GB18030."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _clean(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def read_table(content: bytes, filename: str, columns: Iterable[Column]) -> list[Row]:
    """Parse a file into rows keyed by field name. Line numbers are those a spreadsheet shows."""
    columns = list(columns)
    cells = _read_cells(content, filename)
    # The header is the first non-empty row.
    header_index = next((i for i, r in enumerate(cells) if any(_clean(c) is not None for c in r)), None)
    if header_index is None:
        raise TableError(_("The file is empty."))
    header = [_normalise_header(c) for c in cells[header_index]]
    positions: dict[str, int] = {}
    for column in columns:
        wanted = {_normalise_header(a) for a in column.aliases}
        for i, name in enumerate(header):
            if name in wanted:
                positions[column.field] = i
                break
    missing = [c.label for c in columns if c.required and c.field not in positions]
    if missing:
        raise TableError(
            _("Missing columns: %(columns)s. The first row must name the columns.")
            % {"columns": ", ".join(missing)}
        )
    rows = []
    for offset, raw in enumerate(cells[header_index + 1 :], start=header_index + 2):
        values = {f: _clean(raw[i]) if i < len(raw) else None for f, i in positions.items()}
        if all(v is None for v in values.values()):
            continue
        rows.append(Row(line=offset, values=values))
    if not rows:
        raise TableError(_("The file has a header but no data rows."))
    return rows
