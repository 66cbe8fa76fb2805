"""HR and administrators look after the accounts of the people in their scope: each person's
state, a new password link, an account disabled and enabled again. Invitations (a first account)
are in `invitations.py`; someone who leaves is handled by `leaving.py`."""

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perfloop.accounts.invitations import CANNOT_SIGN_IN, NO_PASSWORD, can_invite, invitable
from perfloop.accounts.leaving import end_sessions
from perfloop.org.models import Employee

# A person's account, as the accounts page filters and shows it.
NONE, INVITED, ACTIVE, DISABLED = "none", "invited", "active", "disabled"
STATES = {
    "": gettext_lazy("Cannot sign in yet"),
    ACTIVE: gettext_lazy("Signs in"),
    DISABLED: gettext_lazy("Disabled"),
    "all": gettext_lazy("Everyone"),
}
_FILTERS = {
    "": CANNOT_SIGN_IN,
    ACTIVE: Q(user__is_active=True) & ~NO_PASSWORD,
    DISABLED: Q(user__is_active=False) & ~NO_PASSWORD,
    "all": Q(),
}


def people(user, state: str):
    """People in the user's scope in one state ("" = cannot sign in yet: no account, or invited)."""
    return invitable(user).filter(_FILTERS.get(state, _FILTERS[""]))


def state_of(employee: Employee) -> str:
    account = employee.user
    if account is None:
        return NONE
    if not account.has_usable_password():
        return INVITED
    return ACTIVE if account.is_active else DISABLED


def _account_of(employee_id: int, by):
    """The account of someone in `by`'s scope that `by` may look after (never their own, never an
    administrator's), locked for the change."""
    if not can_invite(by):
        raise PermissionDenied
    employee = invitable(by).select_related("user").filter(pk=employee_id, user__isnull=False).first()
    if employee is None or employee.user_id == by.pk or employee.user.is_superuser:
        raise PermissionDenied
    account = type(employee.user).objects.select_for_update().get(pk=employee.user_id)
    return employee, account


@transaction.atomic
def disable(*, employee_id: int, by) -> Employee:
    """The person can no longer sign in, from their next request; their records stay."""
    employee, account = _account_of(employee_id, by)
    account.is_active = False
    account.save(update_fields=["is_active"])
    transaction.on_commit(lambda: end_sessions({account.pk}))
    return employee


@transaction.atomic
def enable(*, employee_id: int, by) -> Employee:
    employee, account = _account_of(employee_id, by)
    account.is_active = True
    account.save(update_fields=["is_active"])
    return employee


def reset_link(*, employee_id: int, by) -> tuple[Employee, str, bool]:
    """A link to set a new password (Django's reset token: spent once the password changes).
    E-mailed to the person when mail is configured and never shown; otherwise shown to the one
    who asked, to pass on. Returns (employee, link or "", emailed)."""
    with transaction.atomic():
        employee, account = _account_of(employee_id, by)
    if not account.is_active or not account.has_usable_password():
        raise PermissionDenied  # disabled: enable first; no password yet: invite
    uid = urlsafe_base64_encode(force_bytes(account.pk))
    path = reverse("accounts:password_reset_confirm", args=[uid, default_token_generator.make_token(account)])
    link = settings.PERFLOOP_BASE_URL.rstrip("/") + path
    if settings.PERFLOOP_SENDS_MAIL and employee.email:
        with translation.override(settings.LANGUAGE_CODE):
            body = _(
                "Hello %(name)s,\n\nHR sent you a link to set a new password for PerfLoop (it works "
                "once):\n\n%(link)s\n\nYour user name: %(username)s\n"
            ) % {"name": employee.name, "link": link, "username": account.get_username()}
            send_mail(_("A new password for PerfLoop"), body, None, [employee.email])
        return employee, "", True
    return employee, link, False
