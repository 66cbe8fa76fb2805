"""Queuing directory syncs: by HR (a preview, or applying now) or by the schedule (applying, when
the last scheduled one is older than PERFLOOP_DIRECTORY_SYNC_MINUTES). The task worker runs them."""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from perfloop.directory import rules, sources
from perfloop.directory.models import SignInMethod, SyncRun


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
    constraint decides between two at once). One that has waited past
    PERFLOOP_DIRECTORY_SYNC_MINUTES never ran (no task worker, or it died): it is failed with
    the reason, HR hears of it, and it no longer blocks the next."""
    since = timezone.now() - dt.timedelta(minutes=settings.PERFLOOP_DIRECTORY_SYNC_MINUTES)
    reason = _("It never ran: no task worker took it. Is the task worker running?")
    if SyncRun.objects.filter(source=source, status=SyncRun.Status.QUEUED, started_at__lt=since).update(
        status=SyncRun.Status.FAILED, errors=[[0, reason]]
    ):
        from perfloop.directory.events import sync_failed

        sync_failed(source, reason)
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


@transaction.atomic
def save_method(*, source: str, on: bool, options: dict, secret: str, by) -> SignInMethod:
    """A sign-in method's settings as an administrator entered them; an empty secret keeps the
    one kept (it is never shown back). Switched on only when complete; addresses over https (plain
    http only to the hosts in PERFLOOP_DIRECTORY_HOSTS)."""
    from perfloop.directory.methods import FIELDS, REQUIRED, settings_of

    if not rules.can_manage_signin(by):
        raise PermissionDenied
    if source not in FIELDS:
        raise ValidationError(_("This sign-in method does not exist."), code="invalid")
    row, _created = SignInMethod.objects.select_for_update().get_or_create(source=source)
    row.on = on
    row.options = {name: str(options.get(name) or "").strip()[:500] for name in FIELDS[source]}
    if secret.strip():
        row.secret = secret.strip()
    errors = {}
    for name, value in row.options.items():
        if name.endswith("_endpoint") or name == "issuer":
            parts = urlsplit(value)
            plain_ok = parts.scheme == "http" and parts.hostname in settings.PERFLOOP_DIRECTORY_HOSTS
            if value and not (parts.scheme == "https" and parts.hostname or plain_ok):
                errors[name] = _("Enter an https:// address.")
    _on, merged, kept_secret = settings_of(source, row)
    missing = [str(FIELDS[source][name]) for name in REQUIRED[source] if not merged.get(name)]
    missing += [] if kept_secret else [str(_("Secret"))]
    if on and missing:
        errors["on"] = _("To switch it on, fill in: %(names)s.") % {"names": get_text_list(missing, _("and"))}
    if errors:
        raise ValidationError(errors)
    row.changed_by = by
    row.save()
    return row
