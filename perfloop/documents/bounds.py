"""Bounds on uploaded tables, checked before any parser sees the file.

A spreadsheet is a zip of XML parts: a small file can declare a sheet of 17 billion
cells or inflate to gigabytes. The XLSX reader allocates what the file declares, so
every size is checked here first, by reading the parts in bounded chunks.
"""

import io
import re
import zipfile
from dataclasses import dataclass, replace

from django.conf import settings
from django.utils.translation import gettext as _


class BoundExceeded(ValueError):
    """The file passes a bound; the message names it and is for the user."""


@dataclass(frozen=True)
class Bounds:
    max_bytes: int
    max_rows: int
    max_columns: int
    max_uncompressed: int
    max_ratio: int
    max_parts: int = 1000


def bounds() -> Bounds:
    return Bounds(
        max_bytes=settings.PERFLOOP_IMPORT_MAX_BYTES,
        max_rows=settings.PERFLOOP_IMPORT_MAX_ROWS,
        max_columns=settings.PERFLOOP_IMPORT_MAX_COLUMNS,
        max_uncompressed=settings.PERFLOOP_IMPORT_MAX_UNCOMPRESSED,
        max_ratio=settings.PERFLOOP_IMPORT_MAX_RATIO,
    )


def megabytes(n: int) -> str:
    return f"{n / 1024 / 1024:g}"


def check_size(size: int) -> None:
    """The one file-size limit of the UI, the API and the commands."""
    limit = bounds().max_bytes
    if size > limit:
        raise BoundExceeded(
            _("The file is larger than %(limit)s MB; split it or remove unused sheets and columns.")
            % {"limit": megabytes(limit)}
        )


DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]*)(\d*)(?::([A-Z]+)(\d+))?"')


# Rows (r="12") and cells (r="B12") are the elements of a sheet with an r attribute: the row
# numbers of both, and the column letters of cells, bound the area the reader will allocate.
# Only references that could pass a bound are matched (long numbers, two or more letters), so a
# sheet of a million ordinary cells costs a scan, not a million matches.
def long_row_numbers(digits: int) -> re.Pattern:
    return re.compile(rb'\sr="[A-Z]*(\d{%d,})"' % digits)


WIDE_COLUMN = re.compile(rb'\sr="([A-Z]{2,})\d')


def largest(numbers: list[bytes], digits: int) -> int:
    """The largest row number among digit strings of at least `digits` digits: one longer than
    that passes the bound whatever it is; among equally long ones, text order is number order."""
    longest = max(numbers, key=len)
    return int(longest) if len(longest) > digits else int(max(numbers))


CHUNK = 1 << 20
OVERLAP = 512  # a tag cut between two chunks is seen whole in the next one


def column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def check_sheet_area(rows: int, columns: int, b: Bounds) -> None:
    if rows > b.max_rows + 1:  # the header row comes on top of the data rows
        raise BoundExceeded(
            _("The sheet has %(rows)s rows; at most %(limit)s data rows can be imported at once.")
            % {"rows": f"{rows:,}", "limit": f"{b.max_rows:,}"}
        )
    if columns > b.max_columns:
        raise BoundExceeded(
            _("The sheet has %(columns)s columns; at most %(limit)s are read.")
            % {"columns": f"{columns:,}", "limit": b.max_columns}
        )


def check_xlsx(content: bytes) -> None:
    """Refuse a workbook whose parts, inflated size, compression ratio or sheet area pass the bounds
    (its file size is checked first, with `check_size`).

    Every part is inflated in chunks and counted (zipfile checks each part's CRC, so the
    sizes the archive declares are the sizes the XLSX reader will meet).
    """
    b = bounds()
    archive, parts = _open_archive(
        content,
        "xl/workbook.xml",
        _("The file is not a valid XLSX workbook. Save it as .xlsx or as CSV (UTF-8)."),
        b,
        crafted=_(
            "The workbook is compressed more than %(ratio)s to 1, as only a crafted file is; it was not opened."
        ),
    )
    total = 0
    digits = len(str(b.max_rows + 1))
    row_numbers = long_row_numbers(digits)
    for part in parts:
        is_sheet = part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")
        rows = columns = 0
        tail = b""
        try:
            with archive.open(part) as stream:
                while chunk := stream.read(CHUNK):
                    total += len(chunk)
                    if total > b.max_uncompressed:
                        raise _too_large(b)
                    if not is_sheet:
                        continue
                    window = tail + chunk
                    for _a, _b, last_column, last_row in DIMENSION.findall(window):
                        if last_column:
                            rows = max(rows, int(last_row))
                            columns = max(columns, column_number(last_column))
                    if numbers := row_numbers.findall(window):
                        rows = max(rows, largest(numbers, digits))
                    letters = set(WIDE_COLUMN.findall(window))
                    columns = max(columns, max(map(column_number, letters), default=0))
                    check_sheet_area(rows, columns, b)
                    tail = window[-OVERLAP:]
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise BoundExceeded(
                _("The file could not be read as XLSX: %(reason)s") % {"reason": exc}
            ) from exc


def _open_archive(content: bytes, required: str, invalid: str, b: Bounds, *, crafted: str):
    """The zip's parts, once it is known to be the kind of file expected, not too many or too large,
    and none compressed as only a crafted file is (`crafted`: the message, with %(ratio)s)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise BoundExceeded(invalid) from exc
    if required not in {p.filename for p in parts}:
        raise BoundExceeded(invalid)
    if len(parts) > b.max_parts:
        raise BoundExceeded(_("The file has more than %(limit)s parts.") % {"limit": b.max_parts})
    if sum(p.file_size for p in parts) > b.max_uncompressed:
        raise _too_large(b)
    for part in parts:
        if part.file_size > CHUNK and part.file_size > b.max_ratio * max(part.compress_size, 1):
            raise BoundExceeded(crafted % {"ratio": b.max_ratio})
    return archive, parts


def template_bounds() -> Bounds:
    """A Word template is a page layout: far smaller than the largest spreadsheet."""
    return replace(
        bounds(),
        max_uncompressed=settings.PERFLOOP_TEMPLATE_MAX_UNCOMPRESSED,
        max_parts=settings.PERFLOOP_TEMPLATE_MAX_PARTS,
    )


def check_docx(content: bytes) -> None:
    """Refuse a Word document that is not one, or that inflates past the bounds (size checked
    first): the template's own bounds, and the compression ratio of a crafted file."""
    b = template_bounds()
    invalid = _("The file is not a valid Word document (.docx).")
    crafted = _(
        "The file is compressed more than %(ratio)s to 1, as only a crafted file is; it was not opened."
    )
    archive, parts = _open_archive(content, "word/document.xml", invalid, b, crafted=crafted)
    total = 0
    try:
        for part in parts:
            with archive.open(part) as stream:
                while chunk := stream.read(CHUNK):
                    total += len(chunk)
                    if total > b.max_uncompressed:
                        raise _too_large(b)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
        raise BoundExceeded(invalid) from exc


def _too_large(b: Bounds) -> BoundExceeded:
    return BoundExceeded(
        _("The file inflates to more than %(limit)s MB; it was not opened.")
        % {"limit": megabytes(b.max_uncompressed)}
    )
