"""Upload → preview → apply, the same for every kind of import."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from perfloop.documents.imports import ImportRefused
from perfloop.imports import rules as import_rules
from perfloop.imports.models import Import
from perfloop.imports.registry import KINDS, can_import


def upload(*, kind: str, filename: str, content: bytes, user, target=None) -> Import:
    """Keep the file and its preview; nothing else changes."""
    if not can_import(user, kind):
        raise PermissionDenied
    plan = KINDS[kind].plan(content, filename, user=user, target=target)
    return Import.objects.create(
        kind=kind,
        target=target,
        filename=filename[:255],
        content=content,
        uploaded_by=user,
        summary=plan.summary(),
        # A file with errors can never be applied: it shows as refused from the start.
        status=Import.Status.PREVIEWED if plan.ok else Import.Status.REFUSED,
    )


@transaction.atomic
def apply(*, pk: int, user) -> Import:
    """Apply a previewed file all-or-nothing; a file that became wrong since is refused whole."""
    record = import_rules.visible_imports(user).select_for_update(of=("self",)).get(pk=pk)
    if not can_import(user, record.kind):
        raise PermissionDenied
    if record.status != Import.Status.PREVIEWED:
        return record
    try:
        with transaction.atomic():
            plan = KINDS[record.kind].apply(
                bytes(record.content), record.filename, user=user, target=record.target
            )
    except ImportRefused as refused:
        record.status, record.summary = Import.Status.REFUSED, refused.plan.summary()
    else:
        record.status, record.summary, record.applied_at = (
            Import.Status.APPLIED,
            plan.summary(),
            timezone.now(),
        )
    record.save(update_fields=["status", "summary", "applied_at"])
    return record
