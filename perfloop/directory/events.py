"""What the directory tells people: a sync that failed reaches company-wide HR."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perfloop.notify.registry import HR, Event, EventType, Rule, declare, send
from perfloop.org.models import Department

SYNC_FAILED = "directory.sync_failed"


def register():
    declare(
        EventType(
            SYNC_FAILED, gettext_lazy("Directory sync failed"),
            lambda p: _("The sync with the company directory (%(source)s) failed; nothing was changed: %(reason)s") % p,
            Rule((HR,)),
        )
    )  # fmt: skip


def sync_failed(source: str, reason: str) -> None:
    """To HR of the whole organisation (the sync is the organisation's)."""
    key = f"{SYNC_FAILED}:{source}:{timezone.now().isoformat()}"
    send([
        Event(SYNC_FAILED, key, None, path, None, {"source": source, "reason": reason[:500]}, "/directory/")
        for path in Department.objects.filter(parent__isnull=True).values_list("path", flat=True)
    ])  # fmt: skip
