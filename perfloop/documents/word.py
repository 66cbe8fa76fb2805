"""Word documents: an A4 page whose Chinese renders in Word and LibreOffice, and organisations' own
templates (docxtpl) rendered in a sandbox.

Word picks the font of Chinese characters from a run's East-Asian font (w:eastAsia), not from its
plain font name: every run gets both.
"""

import io
import multiprocessing
import resource

from django.conf import settings
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

FONT = "Noto Sans CJK SC"
EAST_ASIAN_FALLBACK = "SimSun"  # 宋体 where Noto is missing (Word on Windows)


def a4_document() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    style = document.styles["Normal"]
    style.font.size = Pt(10.5)
    _fonts(style.element.get_or_add_rPr())
    return document


def _fonts(rpr) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), FONT)
    fonts.set(qn("w:eastAsia"), FONT)


def add_run(paragraph, text: str, *, bold: bool = False, size: float | None = None):
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.name = FONT
    if size:
        run.font.size = Pt(size)
    _fonts(run._element.get_or_add_rPr())
    return run


def add_title(document, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(paragraph, text, bold=True, size=16)


def add_heading(document, text: str) -> None:
    add_run(document.add_paragraph(), text, bold=True, size=12)


def add_text(document, text: str) -> None:
    for line in (text or "—").splitlines() or ["—"]:
        add_run(document.add_paragraph(), line)


def add_table(document, rows: list[tuple[str, str]]) -> None:
    """Label and value pairs, two to a row, as a form's header is laid out."""
    table = document.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for i in range(0, len(rows), 2):
        cells = table.add_row().cells
        for j, (label, value) in enumerate(rows[i : i + 2]):
            add_run(cells[j * 2].paragraphs[0], label, bold=True)
            add_run(cells[j * 2 + 1].paragraphs[0], value)


def add_grid(document, columns: list[str], rows: list[list[str]]) -> None:
    """A table with a header row: one row per item (a plan's actions, its milestones)."""
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, columns, strict=True):
        add_run(cell.paragraphs[0], label, bold=True)
    for row in rows or [["—"] + [""] * (len(columns) - 1)]:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            add_run(cell.paragraphs[0], value)


def to_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


class _Sandbox(SandboxedEnvironment):
    """An uploaded template is the organisation's text, not its code: no attribute access to
    Python internals, and no operator that builds a huge value ("x" * 10**9, 10 ** 10**9)."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, int | float) and abs(right) > 100:
            raise SecurityError("exponent too large")
        if operator == "*":
            for size, times in ((left, right), (right, left)):
                if (
                    isinstance(size, str | list | tuple)
                    and isinstance(times, int)
                    and len(size) * times > 100_000
                ):
                    raise SecurityError("value too large")
        return super().call_binop(context, operator, left, right)


def _environment() -> SandboxedEnvironment:
    return _Sandbox(autoescape=True)


def placeholders(template: bytes) -> set[str]:
    """The names a docxtpl template uses ({{ name }}, {% for x in name %})."""
    return set(DocxTemplate(io.BytesIO(template)).get_undeclared_template_variables(jinja_env=_environment()))


class TemplateFailed(Exception):
    """An organisation's template that could not be rendered within the bounds (the reason is the
    message, in the user's language)."""


def _render(template: bytes, context: dict) -> bytes:
    document = DocxTemplate(io.BytesIO(template))
    document.render(context, jinja_env=_environment(), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _child(connection, template: bytes, context: dict, memory: int, seconds: int) -> None:
    """Render in a forked process whose memory and CPU time are capped: a template that loops over
    real data or inflates its output ends there, not in the web worker."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds + 1, seconds + 1))
    try:
        connection.send_bytes(b"ok" + _render(template, context))
    except MemoryError:
        connection.send_bytes(b"memory")
    except BaseException as error:  # noqa: BLE001 (the reason goes back to the parent as text)
        connection.send_bytes(b"error" + str(error)[:200].encode())


def _address_space() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


def render_template(template: bytes, context: dict) -> bytes:
    """The template filled in, within PERFLOOP_TEMPLATE_RENDER_SECONDS of time and
    PERFLOOP_TEMPLATE_RENDER_MEMORY bytes of memory; TemplateFailed says why otherwise."""
    seconds = settings.PERFLOOP_TEMPLATE_RENDER_SECONDS
    memory = _address_space() + settings.PERFLOOP_TEMPLATE_RENDER_MEMORY
    receiver, sender = multiprocessing.Pipe(duplex=False)
    process = multiprocessing.get_context("fork").Process(
        target=_child, args=(sender, template, context, memory, seconds), daemon=True
    )
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            raise TemplateFailed(
                _("Filling in the template took more than %(seconds)s seconds.") % {"seconds": seconds}
            )
        answer = receiver.recv_bytes(maxlength=settings.PERFLOOP_TEMPLATE_MAX_OUTPUT)
    except EOFError:  # the child was stopped: past its CPU time or memory
        raise TemplateFailed(_("Filling in the template needed more memory or time than allowed.")) from None
    except OSError:  # recv_bytes over its maxlength
        raise TemplateFailed(_("The filled-in template would be too large.")) from None
    finally:
        process.kill()
        process.join(1)
        receiver.close()
    if answer.startswith(b"ok"):
        return answer[2:]
    if answer == b"memory":
        raise TemplateFailed(_("Filling in the template needed more memory than allowed."))
    raise TemplateFailed(
        _("The template could not be filled in: %(reason)s") % {"reason": answer[5:].decode(errors="replace")}
    )
