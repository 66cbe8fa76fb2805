"""The directories this deployment syncs from: LDAP when PERFLOOP_LDAP_URL is set, DingTalk, WeCom
and Feishu when their sign-in method is on (the same app's key and secret read the directory)."""

import importlib

from django.conf import settings

from perfloop.directory import methods

SERVICES = ("dingtalk", "wecom", "feishu")


def configured() -> dict[str, str]:
    """source → what is shown of its configuration (never a secret)."""
    found = {}
    if settings.PERFLOOP_LDAP_URL:
        found["ldap"] = (
            f"{settings.PERFLOOP_LDAP_URL} · {settings.PERFLOOP_LDAP_DEPARTMENT_BASE or settings.AUTH_LDAP_USER_SEARCH.base_dn}"
        )
    for method in methods.available():
        if method.source in SERVICES:
            found[method.source] = f"{method['api_base']} · {method['client_id'] or method['corp_id']}"
    return found


def snapshot_of(source: str):
    """The function that reads the whole directory (imported only when used: optional libraries)."""
    if source == "ldap":
        from perfloop.directory import ldap_sync

        return ldap_sync.snapshot
    method = methods.method(source) if source in SERVICES else None
    if method is None:  # switched off since the run was queued: the run fails with the reason

        def off():
            from perfloop.directory.sync import Unavailable

            raise Unavailable(f"{source}: not configured")

        return off
    module = importlib.import_module(f"perfloop.directory.{source}")
    return lambda: module.snapshot(method)
