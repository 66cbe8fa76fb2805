"""URL-walk declarations of the directory sync: administrators and company-wide HR (none in the
walk's roles but the administrator; tests/directory covers company-wide HR)."""

from perfloop.directory.models import SyncRun
from tests.access.walk_roles import ADMIN, PUBLIC

DECLARED = {
    "directory:index": ("get", ADMIN),
    "directory:queue": ("post", ADMIN),  # no directory configured in the walk: refused with a reason
    "directory:run": ("get", ADMIN),
    "api:directory_syncs": ("get", ADMIN),
    "api:directory_sync_queue": ("post", ADMIN),
    "api:directory_sync": ("get", ADMIN),
    # Sign-in with a directory: anyone may start one; none is set up in the walk, so each sends
    # back to the login page with the reason.
    "directory:oidc_start": ("get", PUBLIC),
    "directory:oidc_callback": ("get", PUBLIC),
    "directory:signin_start": ("get", PUBLIC),
    "directory:signin_in_app": ("get", PUBLIC),
    "directory:signin_callback": ("get", PUBLIC),
    # How people sign in: administrators alone.
    "directory:methods": ("get", ADMIN),
    "directory:method": ("get", ADMIN),
    "api:signin_methods": ("get", ADMIN),
    "api:signin_method_change": ("patch", ADMIN),
}
PAYLOAD = {
    "api:directory_sync_queue": {"source": "ldap", "apply": False},
    "api:signin_method_change": {"on": False},
}


def arguments(org) -> dict:
    run = SyncRun.objects.create(source="ldap", status="previewed", counts={"added": 1})
    return {
        "directory:run": {"pk": run.pk}, "api:directory_sync": {"run_id": run.pk},
        **{name: {"source": "dingtalk"} for name in ("directory:signin_start", "directory:signin_in_app", "directory:signin_callback")},
        "directory:method": {"source": "oidc"}, "api:signin_method_change": {"source": "wecom"},
    }  # fmt: skip
