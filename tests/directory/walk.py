"""URL-walk declarations of the directory sync: administrators and company-wide HR (none in the
walk's roles but the administrator; tests/directory covers company-wide HR)."""

from perfloop.directory.models import SyncRun
from tests.access.walk_roles import ADMIN

DECLARED = {
    "directory:index": ("get", ADMIN),
    "directory:queue": ("post", ADMIN),  # no directory configured in the walk: refused with a reason
    "directory:run": ("get", ADMIN),
    "api:directory_syncs": ("get", ADMIN),
    "api:directory_sync_queue": ("post", ADMIN),
    "api:directory_sync": ("get", ADMIN),
}
PAYLOAD = {"api:directory_sync_queue": {"source": "ldap", "apply": False}}


def arguments(org) -> dict:
    run = SyncRun.objects.create(source="ldap", status="previewed", counts={"added": 1})
    return {"directory:run": {"pk": run.pk}, "api:directory_sync": {"run_id": run.pk}}
