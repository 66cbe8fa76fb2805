"""Word documents: an A4 page whose Chinese renders in Word and LibreOffice, and organisations' own
templates (docxtpl) rendered in a sandbox.

Word picks the font of Chinese characters from a run's East-Asian font (w:eastAsia), not from its
plain font name: every run gets both.
"""

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docxtpl import DocxTemplate
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


def _environment() -> SandboxedEnvironment:
    # An uploaded template is the organisation's text, not its code: no attribute access to Python internals.
    return SandboxedEnvironment(autoescape=True)


def placeholders(template: bytes) -> set[str]:
    """The names a docxtpl template uses ({{ name }}, {% for x in name %})."""
    return set(DocxTemplate(io.BytesIO(template)).get_undeclared_template_variables(jinja_env=_environment()))


def render_template(template: bytes, context: dict) -> bytes:
    document = DocxTemplate(io.BytesIO(template))
    document.render(context, jinja_env=_environment(), autoescape=True)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
