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

from perfloop.documents.bounds import BoundExceeded, bounds, check_sheet_area, check_size, check_xlsx

XLSX_MAGIC = b"PK\x03\x04"


class TableError(ValueError):
    """The file as a whole cannot be used; the message is for the user."""


@dataclass(frozen=True)
class Column:
    field: str
    aliases: tuple[str, ...]
    required: bool = True
    max_length: int | None = None  # a text cell longer than this is a row error

    @property
    def label(self) -> str:
        return "/".join(self.aliases[:2])


@dataclass(frozen=True, slots=True)
class Row:
    line: int
    values: dict
    errors: tuple[str, ...] = ()  # what is wrong with the cells themselves (NUL, length)


def _normalise_header(value) -> str:
    return str(value or "").strip().replace(" ", "").replace("_", "").lower()


def _read_cells(content: bytes, filename: str) -> list[list]:
    if not content or not content.strip():
        raise TableError(_("The file is empty."))
    check_size(len(content))
    if content.startswith(XLSX_MAGIC):
        check_xlsx(content)  # the parts and the sheet area, before calamine allocates it
        try:
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
            return workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as exc:  # calamine raises several unrelated types for broken files
            raise TableError(_("The file could not be read as XLSX: %(reason)s") % {"reason": exc}) from exc
    # Many NULs at the start: a binary file, or UTF-16 text; a stray one is a row error later.
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")) or content[:4096].count(b"\x00") > 8:
        raise TableError(_("The file is not a valid XLSX workbook. Save it as .xlsx or as CSV (UTF-8)."))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise TableError(_("The file is not text in UTF-8 or GB18030."))
    b = bounds()
    check_sheet_area(text.count("\n"), 0, b)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = []
    try:
        for row in csv.reader(io.StringIO(text), dialect):
            check_sheet_area(0, len(row), b)
            rows.append(row)
    except csv.Error as exc:  # e.g. a field longer than the csv module's limit
        raise TableError(_("The file could not be read as CSV: %(reason)s") % {"reason": exc}) from exc
    return rows


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
    try:
        cells = _read_cells(content, filename)
        # The header is the first non-empty row.
        header_index = next((i for i, r in enumerate(cells) if any(_clean(c) is not None for c in r)), None)
        if header_index is not None:  # rows the size checks could not see (cells without references)
            check_sheet_area(len(cells) - header_index, 0, bounds())
    except BoundExceeded as exc:
        raise TableError(str(exc)) from exc
    if header_index is None:
        raise TableError(_("The file is empty."))
    header = [_normalise_header(c) for c in cells[header_index]]
    positions: dict[str, int] = {}
    for column in columns:
        wanted = {_normalise_header(a) for a in column.aliases}
        found = [i for i, name in enumerate(header) if name in wanted]
        if len(found) > 1:
            raise TableError(
                _("Column %(column)s appears %(count)d times in the header; keep one.")
                % {"column": column.label, "count": len(found)}
            )
        if found:
            positions[column.field] = found[0]
    missing = [c.label for c in columns if c.required and c.field not in positions]
    if missing:
        raise TableError(
            _("Missing columns: %(columns)s. The first row must name the columns.")
            % {"columns": ", ".join(missing)}
        )
    by_field = {c.field: c for c in columns}
    rows = []
    for index in range(header_index + 1, len(cells)):
        # Each raw row is let go once read, so the file is never held twice in memory.
        raw, cells[index] = cells[index], None
        offset = index + 1
        values = {f: _clean(raw[i]) if i < len(raw) else None for f, i in positions.items()}
        if all(v is None for v in values.values()):
            continue
        rows.append(Row(line=offset, values=values, errors=_cell_errors(values, by_field)))
    if not rows:
        raise TableError(_("The file has a header but no data rows."))
    return rows


def _cell_errors(values: dict, by_field: dict[str, Column]) -> tuple[str, ...]:
    """Text no column can hold: NUL characters (PostgreSQL refuses them) and over-long values."""
    for field, value in values.items():  # the common case, a clean row, in one quick pass
        if value.__class__ is str and ("\x00" in value or len(value) > (by_field[field].max_length or 10**9)):
            break
    else:
        return ()
    errors = []
    for field, value in values.items():
        if not isinstance(value, str):
            continue
        column = by_field[field]
        if "\x00" in value:
            errors.append(_("%(column)s holds a NUL character.") % {"column": column.label})
        elif column.max_length is not None and len(value) > column.max_length:
            errors.append(
                _("%(column)s is longer than %(limit)d characters.")
                % {"column": column.label, "limit": column.max_length}
            )
    return tuple(errors)
