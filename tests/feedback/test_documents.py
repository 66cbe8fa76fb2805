"""The record as documents, opened by the libraries that read them; organisations' own templates."""

import io
import subprocess
import zipfile

import pytest
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn

from perfloop.feedback import services
from perfloop.feedback.models import RecordTemplate
from tests.feedback.conftest import held

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.fixture
def written(record, org):
    return held(record, org, employee_view="同意，需要产品培训", agreed_direction="下月参加产品培训")


@pytest.mark.parametrize(
    ("language", "title"),
    [("zh-hans", "绩效考核结果反馈记录表"), ("en", "Performance Review Feedback Record")],
)
def test_docx_and_pdf_carry_the_title_the_person_and_the_composite(written, client_for, language, title):
    composite = f"{written.result.composite}"
    client = client_for("employee")
    docx = client.get(
        reverse("feedback:document", args=[written.pk]) + "?format=docx",
        headers={"accept-language": language},
    )
    assert docx.status_code == 200 and docx["Content-Type"].endswith("wordprocessingml.document")
    text = docx_text(docx.content)
    assert title in text and "刘洋" in text and composite in text and "同意，需要产品培训" in text
    document = Document(io.BytesIO(docx.content))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)  # A4
    run = document.paragraphs[0].runs[0]
    assert run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "Noto Sans CJK SC"

    pdf = client.get(
        reverse("feedback:document", args=[written.pk]) + "?format=pdf", headers={"accept-language": language}
    )
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    text = pdf_text(pdf.content)
    assert title in text and "刘洋" in text and composite in text


def test_print_page_and_api_document(written, client_for, api_client):
    html = client_for("manager").get(reverse("feedback:print", args=[written.pk])).content.decode()
    assert "绩效考核结果反馈记录表" in html and "print.css" in html
    response = api_client("hr_in_scope").get(f"/api/v1/feedback/{written.pk}/document?format=pdf")
    assert response.status_code == 200 and "刘洋" in pdf_text(response.content)
    assert api_client("other_manager").get(f"/api/v1/feedback/{written.pk}/document").status_code == 404


def test_the_employee_has_no_document_before_the_conversation(record, client_for):
    assert client_for("employee").get(reverse("feedback:document", args=[record.pk])).status_code == 404


def word_file(text: str) -> bytes:
    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_an_organisations_template_replaces_the_layout(written, org, client_for):
    template = word_file(
        "星河科技面谈记录 {{ employee_name }} {{ composite }}（{{ band }}）{{ employee_view }}"
    )
    services.upload_template(content=template, filename="我们的表.docx", by=org.user("admin"))
    content = (
        client_for("manager").get(reverse("feedback:document", args=[written.pk]) + "?format=docx").content
    )
    assert f"星河科技面谈记录 刘洋 {written.result.composite}" in docx_text(content)


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (word_file("{{ employee_name }} {{ salary }}"), "{{ salary }}"),
        (word_file("{{ title.__class__.__mro__ }}"), "could not be filled in"),
        (word_file("{% for x in %}"), "could not be read"),
        (b"not a word file", "not a valid Word document"),
    ],
)
def test_a_template_we_cannot_fill_is_refused_with_the_reason(org, content, says):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.upload_template(content=content, filename="t.docx", by=org.user("admin"))
    assert says in " ".join(refused.value.messages)
    assert not RecordTemplate.objects.exists()


def test_a_template_that_inflates_is_refused_before_it_is_parsed(org, settings):
    import os

    from django.core.exceptions import ValidationError
    from django.utils import translation

    settings.PERFLOOP_TEMPLATE_MAX_UNCOMPRESSED = 1024 * 1024
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:  # barely compressible: past the size
        archive.writestr("word/document.xml", b"<w:document>" + os.urandom(2 * 1024 * 1024).hex().encode())
    with pytest.raises(ValidationError) as refused:
        services.upload_template(content=out.getvalue(), filename="big.docx", by=org.user("admin"))
    assert "MB" in " ".join(refused.value.messages)

    settings.PERFLOOP_TEMPLATE_MAX_UNCOMPRESSED = 20 * 1024 * 1024
    out = io.BytesIO()
    with zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as archive:  # 3 MB of spaces in 3 KB: a crafted ratio
        archive.writestr("word/document.xml", b"<w:document>" + b" " * (3 * 1024 * 1024) + b"</w:document>")
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.upload_template(content=out.getvalue(), filename="bomb.docx", by=org.user("admin"))
    assert "compressed more than 100 to 1" in " ".join(refused.value.messages)
    assert not RecordTemplate.objects.exists()


# Templates that pass a check with short sample values and break on a real record's length.
LOOPS_OVER_TEXT = "{% for a in strengths %}{% for b in strengths %}{% for c in strengths %}{% endfor %}{% endfor %}{% endfor %}"
BUILDS_A_HUGE_TEXT = "{{ range(100000)|join(strengths) }}"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (LOOPS_OVER_TEXT, "took more than 1 seconds"),
        (BUILDS_A_HUGE_TEXT, "more memory"),
        ("{{ strengths * 100000000 }}", "could not be filled in"),
        ("{{ 10 ** 1000000000 }}", "could not be filled in"),
    ],
)
def test_a_template_that_blows_up_on_real_data_is_refused_at_upload(org, settings, text, says):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    settings.PERFLOOP_TEMPLATE_RENDER_SECONDS = 1
    settings.PERFLOOP_TEMPLATE_RENDER_MEMORY = 128 * 1024 * 1024
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.upload_template(content=word_file(text), filename="t.docx", by=org.user("admin"))
    assert says in " ".join(refused.value.messages)
    assert not RecordTemplate.objects.exists()


def test_a_stored_template_that_fails_gives_the_built_in_layout_with_the_reason(
    written, org, client_for, settings
):
    settings.PERFLOOP_TEMPLATE_RENDER_SECONDS = 1
    RecordTemplate.objects.create(
        content=word_file(LOOPS_OVER_TEXT), filename="old.docx", uploaded_by=org.user("admin")
    )
    written.strengths = "客户沟通主动，" * 300
    written.save(update_fields=["strengths"])
    response = client_for("manager").get(reverse("feedback:document", args=[written.pk]) + "?format=docx")
    text = docx_text(response.content)
    assert response.status_code == 200 and "绩效考核结果反馈记录表" in text and "刘洋" in text
    assert "组织的模板无法使用" in text


def test_only_admins_and_company_wide_hr_change_the_layout(org, browser_like):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.upload_template(content=word_file("x"), filename="t.docx", by=org.user("hr_in_scope"))
    admin = browser_like("admin")
    page = reverse("feedback:template")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = admin.submit(
        page, page, {"file": SimpleUploadedFile("t.docx", word_file("{{ nope }}"))}, follow=True
    )
    assert "{{ nope }}" in response.content.decode().replace("&#x27;", "'")
    assert not RecordTemplate.objects.exists()
