"""Invitations: HR gives employees in their scope an account by a single-use, expiring link.

The link sets the password; it is e-mailed when mail is configured, otherwise shown to HR (or
printed by `manage.py invite`) to pass on. Only a hash of the token is stored.
"""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, make_password
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from perfloop.access.policy import people_q, roles_for
from perfloop.accounts.models import Invitation
from perfloop.accounts.services import give_accounts
from perfloop.org.models import Employee


def can_invite(user) -> bool:
    roles = roles_for(user)
    return roles.is_hr or roles.is_admin


def invitable(user):
    """Active employees this user may invite: HR's scope (never themself), or everyone for admins
    and operators (user None)."""
    people = Employee.objects.filter(status=Employee.Status.ACTIVE)
    if user is not None and not roles_for(user).is_admin:
        people = people.filter(people_q(user, hr_only=True))
    return people


# An employee's account whose password was never set (or was unset when they left).
NO_PASSWORD = Q(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
# Those who cannot sign in yet: no account, or one without a password.
CANNOT_SIGN_IN = Q(user__isnull=True) | NO_PASSWORD


def without_access(people):
    """Those who cannot sign in yet: no account, or one whose password was never set."""
    return people.filter(CANNOT_SIGN_IN)


def someone_invited() -> bool:
    """Has anyone been given a way in yet (an invitation, or an account of an employee's with a
    password)?"""
    return Invitation.objects.exists() or Employee.objects.exclude(CANNOT_SIGN_IN).exists()


@dataclass(frozen=True)
class Sent:
    employee: Employee
    link: str
    emailed: bool


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite(*, employees, by, base_url: str | None = None) -> list[Sent]:
    """Make an account for each employee who cannot sign in yet and a fresh link for it.

    `by` is HR (only people in their scope, never themself), an admin, or None for operators.
    Earlier unused links of the same people stop working.
    """
    people = list(employees.select_related("user", "department"))
    allowed = set(invitable(by).values_list("pk", flat=True).filter(pk__in=[e.pk for e in people]))
    if (by is not None and not can_invite(by)) or any(e.pk not in allowed for e in people):
        raise PermissionDenied(_("You may invite only active employees in your HR scope."))
    base = (base_url or settings.PERFLOOP_BASE_URL).rstrip("/")
    expires = timezone.now() + dt.timedelta(days=settings.PERFLOOP_INVITATION_DAYS)
    people = [e for e in people if not (e.user_id and e.user.has_usable_password())]  # they sign in
    # One hash for all new accounts: "!" and random, so that no password opens them.
    give_accounts(people, password_hash=make_password(None), by=by)
    Invitation.objects.filter(user__in=[e.user for e in people], used_at__isnull=True).delete()
    sent, invitations = [], []
    for employee in people:
        token = secrets.token_urlsafe(32)
        link = base + reverse("accounts:accept", args=[token])
        emailed = bool(settings.PERFLOOP_SENDS_MAIL and employee.email)
        invitations.append(
            Invitation(
                user=employee.user,
                token_hash=_hash(token),
                created_by=by,
                expires_at=expires,
                emailed=emailed,
            )
        )
        if emailed:
            transaction.on_commit(lambda e=employee, u=link: _mail(e, u, expires))
        sent.append(Sent(employee, link, emailed))
    Invitation.objects.bulk_create(invitations, batch_size=500)
    return sent


def _mail(employee: Employee, link: str, expires) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            _("Your PerfLoop account"),
            _(
                "Hello %(name)s,\n\nAn account was made for you. Set your password here (the link works "
                "once, until %(expires)s):\n\n%(link)s\n\nYour user name: %(username)s\n"
            )
            % {
                "name": employee.name,
                "expires": timezone.localtime(expires).strftime("%Y-%m-%d %H:%M"),
                "link": link,
                "username": employee.user.username,
            },
            None,
            [employee.email],
        )


def open_invitations(user_ids) -> dict:
    """The usable invitation of each of these accounts (user id → invitation)."""
    found = Invitation.objects.filter(
        user_id__in=user_ids, used_at__isnull=True, expires_at__gt=timezone.now()
    )
    return {i.user_id: i for i in found}


@transaction.atomic
def cancel(*, invitation_id: int, by) -> bool:
    """Void an unused invitation of someone the user may invite; False when there is none."""
    people = invitable(by).values("user_id")
    return (
        Invitation.objects.filter(pk=invitation_id, used_at__isnull=True, user_id__in=people).delete()[0] > 0
    )


def find(token: str) -> Invitation | None:
    """The invitation a link names, if it can still be used."""
    if not token or len(token) > 100:
        return None
    return (
        Invitation.objects.select_related("user")
        .filter(token_hash=_hash(token), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


@transaction.atomic
def accept(*, token: str, password: str):
    """Set the password through a link; the link is then spent. Returns the user, or None."""
    invitation = find(token)
    if invitation is None:
        return None
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        return None
    invitation.user.set_password(password)
    invitation.user.is_active = True  # a person who left and came back was invited again
    invitation.user.save(update_fields=["password", "is_active"])
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return invitation.user
