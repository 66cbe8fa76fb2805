"""django-auth-ldap's settings from PerfLoop's own (PERFLOOP_LDAP_*), for settings.py and tests.
Imported only when LDAP is configured: python-ldap is an optional dependency (`uv sync --group ldap`)."""

import ldap
from django_auth_ldap.config import ActiveDirectoryGroupType, GroupOfNamesType, LDAPSearch, PosixGroupType

GROUP_TYPES = {
    "groupOfNames": GroupOfNamesType,
    "activeDirectory": ActiveDirectoryGroupType,
    "posix": PosixGroupType,
}


def auth_settings(
    *, url: str, bind_dn: str, bind_password: str, base: str, user_filter: str, group_base: str,
    group_type: str, id_attribute: str, timeout: int = 10,
) -> dict:  # fmt: skip
    return {
        "AUTH_LDAP_SERVER_URI": url,
        "AUTH_LDAP_BIND_DN": bind_dn,
        "AUTH_LDAP_BIND_PASSWORD": bind_password,
        # The typed name goes into the filter escaped (%(user)s), by the library.
        "AUTH_LDAP_USER_SEARCH": LDAPSearch(
            base, ldap.SCOPE_SUBTREE, user_filter, attrlist=["*", id_attribute]
        ),
        "AUTH_LDAP_GROUP_SEARCH": LDAPSearch(group_base or base, ldap.SCOPE_SUBTREE, "(objectClass=*)"),
        "AUTH_LDAP_GROUP_TYPE": GROUP_TYPES[group_type](),
        "AUTH_LDAP_ALWAYS_UPDATE_USER": False,  # the employee's record is the organisation's, not the directory's
        "AUTH_LDAP_CONNECTION_OPTIONS": {ldap.OPT_NETWORK_TIMEOUT: timeout, ldap.OPT_REFERRALS: 0},
        "AUTH_LDAP_START_TLS": url.startswith("ldap://")
        and not url.startswith(("ldap://127.", "ldap://localhost")),
    }
