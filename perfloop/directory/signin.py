"""Who a directory sign-in is: the employee linked to the directory's id, else the one active
employee with the same number, e-mail or mobile (in PERFLOOP_SIGNIN_MATCH's order), linked from
then on. Nobody else: an unmatched sign-in is refused with the reason, never given a new empty
account. A matched employee without an account gets one (no password: they sign in through the
directory). Rights come from the directory only as its group mapping says."""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils.translation import gettext as _

from perfloop.access import hr_scopes
from perfloop.accounts.services import give_accounts
from perfloop.directory.models import DirectoryGrant, PersonLink
from perfloop.org.models import Employee

log = logging.getLogger("perfloop.directory")
FIELDS = {"employee_no": "employee_no", "email": "email__iexact", "mobile": "mobile"}


class Refused(Exception):
    """The sign-in is refused; the message is for the person signing in."""


@dataclass(frozen=True)
class Claims:
    source: str
    external_id: str
    employee_no: str = ""
    email: str = ""
    mobile: str = ""
    groups: frozenset = frozenset()  # the mapping's roles the directory says this person has


def _matched(claims: Claims) -> Employee | None:
    link = PersonLink.objects.filter(source=claims.source, external_id=claims.external_id).first()
    if link is not None:
        return Employee.objects.select_related("user").get(pk=link.employee_id)
    for field in settings.PERFLOOP_SIGNIN_MATCH:
        value = getattr(claims, field, "").strip()
        if not value:
            continue
        found = list(Employee.objects.select_related("user").filter(**{FIELDS[field]: value})[:2])
        if len(found) == 1:
            return found[0]
    return None


@transaction.atomic
def user_for(claims: Claims):
    """The account this sign-in opens (raises Refused with the reason)."""
    employee = _matched(claims)
    if employee is None:
        log.warning(
            "directory sign-in refused: %s id %s matches no employee", claims.source, claims.external_id
        )
        raise Refused(_("Your directory account is not linked to anyone in PerfLoop. Ask HR to add you."))
    if employee.status != Employee.Status.ACTIVE or (employee.user_id and not employee.user.is_active):
        log.warning(
            "directory sign-in refused: %s id %s is %s",
            claims.source,
            claims.external_id,
            employee.employee_no,
        )
        raise Refused(_("Your PerfLoop account is closed. Ask HR if you think this is wrong."))
    PersonLink.objects.get_or_create(
        source=claims.source, employee=employee, defaults={"external_id": claims.external_id}
    )
    if employee.user_id is None:
        give_accounts([employee], password_hash=make_password(None))
    _map_roles(employee.user, claims)
    return employee.user


def _map_roles(user, claims: Claims) -> None:
    """Grant what the mapping names; take back what it granted and no longer names."""
    for role in DirectoryGrant.Role.values:
        granted = DirectoryGrant.objects.filter(source=claims.source, user=user, role=role)
        if role in claims.groups and not granted.exists():
            if hr_scopes.grant_from_directory(user=user, role=role):  # only what the person lacked
                DirectoryGrant.objects.get_or_create(source=claims.source, user=user, role=role)
        elif role not in claims.groups and granted.exists():
            hr_scopes.revoke_from_directory(user=user, role=role)
            granted.delete()


def signed_in(request, claims: Claims):
    """The account for a sign-in by a directory's code or token, or PermissionDenied with the
    reason left for the login page (Django then reports the failed sign-in: the lockout counts it)."""
    from django.core.exceptions import PermissionDenied

    from perfloop.accounts.lockout import username_locked
    from perfloop.accounts.views import SIGNIN_REFUSAL

    try:
        user = user_for(claims)
    except Refused as refused:
        setattr(request, SIGNIN_REFUSAL, str(refused))
        raise PermissionDenied from None
    if username_locked(request, user.get_username()):
        setattr(request, SIGNIN_REFUSAL, _("Too many failed sign-ins on this account. Try again later."))
        raise PermissionDenied
    return user
