"""The directories this deployment syncs from: each on only when configured."""

from django.conf import settings


def configured() -> dict[str, str]:
    """source → what is shown of its configuration (never a secret)."""
    found = {}
    if settings.PERFLOOP_LDAP_URL:
        found["ldap"] = (
            f"{settings.PERFLOOP_LDAP_URL} · {settings.PERFLOOP_LDAP_DEPARTMENT_BASE or settings.AUTH_LDAP_USER_SEARCH.base_dn}"
        )
    return found


def snapshot_of(source: str):
    """The function that reads the whole directory (imported only when used: optional libraries)."""
    if source == "ldap":
        from perfloop.directory import ldap_sync

        return ldap_sync.snapshot
    raise KeyError(source)
