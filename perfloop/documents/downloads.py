"""A file handed to the browser or a script: its media type by kind, and its name as the person
will see it in their downloads (RFC 6266, Chinese names kept)."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(content: bytes, kind: str, filename: str) -> HttpResponse:
    answer = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    answer["Content-Disposition"] = content_disposition_header(True, filename)
    return answer
