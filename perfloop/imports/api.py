"""Imports over the API, as on the imports page: the file checked (a preview with row errors), and
applied all-or-nothing unless `dry_run`; kept as an import record like an upload on the page.
The organisation and review templates here; a cycle's data under its cycle (the reviews app)."""

from typing import Literal

from django.utils.translation import gettext as _
from ninja import File, Router, Schema, Status, UploadedFile

from perfloop.api.schemas import ErrorOut, errors
from perfloop.documents.bounds import BoundExceeded, check_size
from perfloop.imports import services
from perfloop.imports.models import Import
from perfloop.imports.registry import KINDS, can_import

router = Router(tags=["imports"])


class ImportOut(Schema):
    id: int
    ok: bool
    applied: bool
    rows: int
    to_create: int
    to_update: int
    unchanged: int
    description: str  # the preview in the kind's terms: "20 values for 10 people: …"
    notes: list[str]
    errors: list[dict]


ANSWERS = {200: ImportOut, **errors(401, 403, 404, 413, 422), 400: ImportOut | ErrorOut}


def import_file(request, *, kind: str, file, target, dry_run: bool):
    """The answer to an import of `file` as `kind` into `target` (a cycle, or None)."""
    if not can_import(request.user, kind):
        return Status(403, {"detail": _("Your role does not allow this.")})
    if file is None:  # also an empty part: some clients' empty file never reaches us as a file
        return Status(400, {"detail": _("Choose a file (XLSX or CSV) to import.")})
    try:
        check_size(file.size)  # before reading the upload into memory
    except BoundExceeded as exc:
        return Status(413, {"detail": str(exc)})
    record = services.upload(
        kind=kind, filename=file.name or "upload", content=file.read(), user=request.user, target=target
    )
    if not dry_run and record.summary["ok"]:
        record = services.apply(pk=record.pk, user=request.user)
    body = {
        **record.summary,
        "id": record.pk,
        "applied": record.status == Import.Status.APPLIED,
        "description": KINDS[kind].describe(record.summary) if record.summary["ok"] else "",
    }
    return Status(200 if body["ok"] else 400, body)


@router.post("/imports/{kind}", response=ANSWERS, url_name="import_file")
def import_any(
    request, kind: Literal["org", "template"], file: File[UploadedFile] = None, dry_run: bool = False
):
    """Import the organisation (people, departments, reporting lines; people marked 离职 lose
    sign-in at once) or review templates; `dry_run` only checks."""
    return import_file(request, kind=kind, file=file, target=None, dry_run=dry_run)
