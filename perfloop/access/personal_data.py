"""A person's data on request (PIPL 个人信息查阅、复制): everything PerfLoop holds about one person,
as a ZIP of JSON (one file per kind of record) and one XLSX workbook (a sheet per kind).

Each app adds what it holds about a person (`add_sections` from its `AppConfig.ready()`), as plain
rows; access gives who may ask (HR in scope, and the person for themself) and logs the export as a
private read. A section is given `for_self`: what the person may see of themself (their published
results, 360° ratings by relation without raters, plans once sent) differs from what HR sees.
"""

import datetime as dt
import decimal
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass

from perfloop.access import audit
from perfloop.access.policy import is_hr_for, is_self
from perfloop.documents.writers import xlsx_sheets_bytes

EXPORT_READ = "personal"


@dataclass(frozen=True)
class Section:
    key: str  # the JSON file's and the sheet's name
    rows: Callable  # rows(employee, for_self: bool) -> list[dict]
    order: int = 100


SECTIONS: dict[str, Section] = {}


def add_sections(sections) -> None:
    """An app's sections (its `personal_data.SECTIONS`), from its `AppConfig.ready()`."""
    for section in sections:
        SECTIONS[section.key] = section


def can_export(user, employee) -> bool:
    return is_self(user, employee) or is_hr_for(user, employee)


def _plain(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return str(value)


def collect(employee, *, for_self: bool) -> dict[str, list[dict]]:
    return {
        s.key: [{k: _plain(v) for k, v in row.items()} for row in s.rows(employee, for_self)]
        for s in sorted(SECTIONS.values(), key=lambda s: (s.order, s.key))
    }


def export(*, employee, by, via: str) -> bytes:
    """The ZIP for `employee`, asked by `by` (HR in scope, or the person); logged."""
    if not can_export(by, employee):
        raise PermissionError
    for_self = is_self(by, employee)
    data = collect(employee, for_self=for_self)
    audit.log_reads(by, [employee.pk], [EXPORT_READ], via, ref=f"person:{employee.pk}")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        about = {"employee_no": employee.employee_no, "exported_at": dt.datetime.now(dt.UTC).isoformat(),
                 "for_self": for_self, "sections": list(data)}  # fmt: skip
        archive.writestr("about.json", json.dumps(about, ensure_ascii=False, indent=1))
        for key, rows in data.items():
            archive.writestr(f"{key}.json", json.dumps(rows, ensure_ascii=False, indent=1))
        archive.writestr("data.xlsx", _workbook(data))
    return out.getvalue()


def _workbook(data: dict[str, list[dict]]) -> bytes:
    sheets = {}
    for key, rows in data.items():
        header = list(dict.fromkeys(k for row in rows for k in row)) or ["—"]
        sheets[key] = (header, [[row.get(k) for k in header] for row in rows])
    return xlsx_sheets_bytes(sheets)
