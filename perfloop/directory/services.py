"""Queuing directory syncs: by HR (a preview, or applying now) or by the schedule (applying, when
the last scheduled one is older than PERFLOOP_DIRECTORY_SYNC_MINUTES). The task worker runs them."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop.directory import rules, sources
from perfloop.directory.models import SyncRun


@transaction.atomic
def queue(*, source: str, apply: bool, by=None) -> SyncRun:
    if by is not None and not rules.can_sync(by):
        raise PermissionDenied
    if source not in sources.configured():
        raise ValidationError(_("This directory is not configured."), code="invalid")
    run = open_run(source=source, apply=apply, by=by)
    transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def open_run(*, source: str, apply: bool, by=None) -> SyncRun:
    """The run's row, queued; refused while another of the directory waits (the database's
    constraint decides between two at once)."""
    try:
        with transaction.atomic():
            return SyncRun.objects.create(source=source, apply=apply, by=by)
    except IntegrityError:
        raise ValidationError(
            _("A sync with this directory is already waiting to run."), code="conflict"
        ) from None


def queue_due() -> list[SyncRun]:
    """The schedule's syncs: each configured directory whose last scheduled sync is old enough."""
    since = timezone.now() - dt.timedelta(minutes=settings.PERFLOOP_DIRECTORY_SYNC_MINUTES)
    queued = []
    for source in sources.configured():
        if not SyncRun.objects.filter(source=source, by__isnull=True, started_at__gte=since).exists():
            try:
                queued.append(queue(source=source, apply=True))
            except ValidationError:  # one is waiting already
                pass
    return queued


def _enqueue(run_id: int) -> None:
    from perfloop.directory.tasks import run_sync

    run_sync.enqueue(run_id)
