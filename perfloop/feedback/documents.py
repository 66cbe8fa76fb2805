"""The record as a document (绩效考核结果反馈记录表): a print-ready page, DOCX and PDF, in the
reader's language, or in the organisation's own Word template when one is uploaded."""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from perfloop.documents import pdf, word
from perfloop.feedback.models import RECORD_TEXTS, FeedbackRecord, RecordTemplate

logger = logging.getLogger(__name__)

# The placeholders an uploaded template may use, each with what it holds.
PLACEHOLDERS = (
    "title",
    "employee_name",
    "employee_no",
    "position",
    "department",
    "period",
    "composite",
    "band",
    *RECORD_TEXTS,
    "requests",
    "held_on",
    "held_by",
    "status",
    "acknowledged_at",
)


def _label(name: str) -> str:
    return str(FeedbackRecord._meta.get_field(name).verbose_name).capitalize()


def context(record: FeedbackRecord) -> dict:
    """Every value of the record as text, in the active language, under its placeholder name."""
    employee, result = record.employee, record.result
    holder = getattr(record.holder, "employee", None)
    values = {
        "title": _("Performance Review Feedback Record"),
        "employee_name": employee.name,
        "employee_no": employee.employee_no,
        "position": employee.position.name if employee.position_id else "",
        "department": employee.department.name,
        "period": record.cycle.name,
        "composite": f"{result.composite}" if result.composite is not None else "—",
        "band": result.get_band_display() if result.band else "—",
        **{name: getattr(record, name) for name in RECORD_TEXTS},
        "requests": "\n".join(f"{r.get_kind_display()}: {r.text}" for r in record.requests.all()),
        "held_on": date_format(record.held_on, "DATE_FORMAT") if record.held_on else "",
        "held_by": holder.name if holder else record.holder.get_username(),
        "status": record.get_status_display(),
        "acknowledged_at": date_format(record.acknowledged_at, "DATE_FORMAT")
        if record.acknowledged_at
        else "",
    }
    assert set(values) == set(PLACEHOLDERS)
    return values


def sections(values: dict) -> list[tuple[str, str]]:
    """The record's texts in the form's order, with their headings."""
    return [(_label(name), values[name]) for name in RECORD_TEXTS[:4]] + [
        (_("The employee’s requests"), values["requests"]),
        *[(_label(name), values[name]) for name in RECORD_TEXTS[4:]],
    ]


def header_rows(values: dict) -> list[tuple[str, str]]:
    return [
        (_("Name"), values["employee_name"]),
        (_("Employee number"), values["employee_no"]),
        (_("Position"), values["position"] or "—"),
        (_("Department"), values["department"]),
        (_("Review period"), values["period"]),
        (_("Composite score"), f"{values['composite']} ({values['band']})"),
        (_("Held on"), values["held_on"] or "—"),
        (_("Held by"), values["held_by"]),
    ]


def docx(record: FeedbackRecord) -> bytes:
    values = context(record)
    custom = RecordTemplate.objects.only("content").first()
    problem = ""
    if custom is not None:
        try:
            return word.render_template(bytes(custom.content), values)
        except word.TemplateFailed as error:  # the built-in layout, saying why
            logger.warning("record template %s not used: %s", custom.pk, error)
            problem = str(error)
    document = word.a4_document()
    word.add_title(document, values["title"])
    if problem:
        word.add_text(
            document,
            _("The organisation’s template could not be used (%(reason)s); this is the built-in layout.")
            % {"reason": problem},
        )
    word.add_table(document, header_rows(values))
    for heading, text in sections(values):
        word.add_heading(document, heading)
        word.add_text(document, text)
    word.add_heading(document, _("Status"))
    word.add_text(document, " ".join(filter(None, [values["status"], values["acknowledged_at"]])))
    return word.to_bytes(document)


def html(record: FeedbackRecord, *, for_browser: bool) -> str:
    values = context(record)
    return render_to_string(
        "feedback/print.html",
        {
            "values": values,
            "rows": header_rows(values),
            "sections": sections(values),
            "amendments": record.amendments.select_related("by"),
            "for_browser": for_browser,
        },
    )


def pdf_bytes(record: FeedbackRecord) -> bytes:
    return pdf.html_to_pdf(html(record, for_browser=False), "documents/print.css")


CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def response(record: FeedbackRecord, kind: str) -> HttpResponse:
    """The record as DOCX or PDF, named 反馈记录表-<name>-<cycle>.<kind> (the page and the API)."""
    content = docx(record) if kind == "docx" else pdf_bytes(record)
    answer = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    name = f"{_('Feedback record')}-{record.employee.name}-{record.cycle.name}.{kind}"
    answer["Content-Disposition"] = content_disposition_header(True, name)
    return answer
