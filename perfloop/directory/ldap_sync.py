"""The organisation as LDAP / Active Directory has it: each organisational unit under the
departments' base is a department (its DN's parent unit is its parent), each person found by the
people filter under it belongs to the unit that holds their entry, with their manager by DN.
Read in pages (the simple paged results control: Active Directory returns at most 1000 entries
a search otherwise), as PerfLoop's service account."""

import uuid

import ldap
import ldap.dn
from django.conf import settings
from ldap.controls import SimplePagedResultsControl

from perfloop.directory.sync import Person, Snapshot, Unavailable, Unit

PAGE = 500


def as_text(value) -> str:
    """An attribute's value as text; one that is not text (Active Directory's objectGUID: 16 bytes)
    as its GUID string, else its hex, so sign-in and sync name the same entry the same way."""
    if not isinstance(value, bytes):
        return str(value).strip()
    try:
        return value.decode("utf-8").strip()
    except UnicodeDecodeError:
        return str(uuid.UUID(bytes_le=value)) if len(value) == 16 else value.hex()


def first_text(attrs: dict, name: str) -> str:
    """An entry's first value of the attribute as text ("" when it has none)."""
    values = attrs.get(name) or attrs.get(name.lower()) or []
    return as_text(values[0]) if values else ""


def _parent(dn: str) -> str:
    parts = ldap.dn.str2dn(dn)
    return ldap.dn.dn2str(parts[1:]).lower()


def _paged(connection, base: str, query: str, attributes: list[str]) -> list[tuple[str, dict]]:
    control = SimplePagedResultsControl(True, size=PAGE, cookie="")
    found = []
    while True:
        message = connection.search_ext(base, ldap.SCOPE_SUBTREE, query, attributes, serverctrls=[control])
        _kind, entries, _id, controls = connection.result3(message)
        found += [(dn, attrs) for dn, attrs in entries if dn]  # referrals have no DN
        cookie = next(
            (c.cookie for c in controls if c.controlType == SimplePagedResultsControl.controlType), b""
        )
        if not cookie:
            return found
        control.cookie = cookie


def snapshot() -> Snapshot:
    names = settings.PERFLOOP_LDAP_ATTRIBUTES
    base = settings.PERFLOOP_LDAP_DEPARTMENT_BASE or settings.AUTH_LDAP_USER_SEARCH.base_dn
    try:
        connection = ldap.initialize(settings.AUTH_LDAP_SERVER_URI)
        for option, value in settings.AUTH_LDAP_CONNECTION_OPTIONS.items():
            connection.set_option(option, value)
        if settings.AUTH_LDAP_START_TLS:
            connection.start_tls_s()
        connection.simple_bind_s(settings.AUTH_LDAP_BIND_DN, settings.AUTH_LDAP_BIND_PASSWORD)
        units = _paged(connection, base, "(objectClass=organizationalUnit)", ["ou", names["id"]])
        people = _paged(
            connection, base, settings.PERFLOOP_LDAP_PEOPLE_FILTER,
            [names["id"], names["employee_no"], "cn", "displayName", "mail", "mobile", "title", "manager"],
        )  # fmt: skip
        connection.unbind_s()
    except ldap.LDAPError as error:
        raise Unavailable(f"LDAP: {error}") from None
    unit_ids = {dn.lower(): first_text(attrs, names["id"]) or dn.lower() for dn, attrs in units}
    person_ids = {dn.lower(): first_text(attrs, names["id"]) or dn.lower() for dn, attrs in people}
    return Snapshot(
        units=[
            Unit(unit_ids[dn.lower()], first_text(attrs, "ou"), unit_ids.get(_parent(dn)))
            for dn, attrs in units
        ],
        people=[
            Person(
                external_id=person_ids[dn.lower()],
                name=first_text(attrs, "displayName") or first_text(attrs, "cn"),
                unit_id=unit_ids.get(_parent(dn), ""),
                employee_no=first_text(attrs, names["employee_no"]),
                position=first_text(attrs, "title"),
                manager_id=person_ids.get(first_text(attrs, "manager").lower(), ""),
                email=first_text(attrs, "mail"),
                mobile=first_text(attrs, "mobile"),
            )
            for dn, attrs in people
        ],
    )
