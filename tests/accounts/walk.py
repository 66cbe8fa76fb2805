"""URL-walk declarations of the account routes beyond login (see tests/access/test_url_walk.py)."""

import datetime as dt

from django.utils import timezone

from perfloop.accounts import invitations
from perfloop.accounts.models import Invitation
from perfloop.api.models import ApiToken
from perfloop.org.models import Employee
from tests.access.walk_roles import HR_OR_ADMIN, PUBLIC, SIGNED_IN, UPLOADER_OR_ADMIN

DECLARED = {
    "accounts:invitations": ("get", HR_OR_ADMIN),
    "accounts:accept": ("get", PUBLIC),  # the link itself is the credential
    "accounts:cancel_invitation": ("post", UPLOADER_OR_ADMIN),  # an invitation to the target
    # A new password link for the target (disable and enable: the same rule): HR in scope, admins.
    "accounts:account_action": ("post", UPLOADER_OR_ADMIN),
    # Forgot password: anyone; the link from the e-mail is the credential.
    "accounts:password_reset": ("get", PUBLIC),
    "accounts:password_reset_done": ("get", PUBLIC),
    "accounts:password_reset_confirm": ("get", PUBLIC),
    "accounts:password_reset_complete": ("get", PUBLIC),
    "tokens:list": ("get", SIGNED_IN),  # one's own tokens
    "tokens:revoke": ("post", {"employee"}),  # the target's token: theirs alone to revoke
    "api:invitations_send": ("post", HR_OR_ADMIN),  # those in one's scope (none: an empty list)
    "api:invitation_cancel": ("delete", UPLOADER_OR_ADMIN),
    "api:account_action": ("post", UPLOADER_OR_ADMIN),
}
ABOUT_TARGET = {
    "accounts:cancel_invitation", "accounts:account_action", "tokens:revoke", "api:invitation_cancel",
    "api:account_action",
}  # fmt: skip
PAYLOAD = {"api:invitations_send": lambda org: {"employees": [org.lead.pk]}}


def arguments(org) -> dict:
    sent = invitations.invite(employees=Employee.objects.filter(employee_no="L0001"), by=None)
    # An open link for the target (as if their password were being set again): HR in scope cancels it.
    other = Invitation.objects.create(
        user=org.user("employee"), token_hash="walk", expires_at=timezone.now() + dt.timedelta(days=1)
    )
    api_other = Invitation.objects.create(
        user=org.user("employee"), token_hash="walk-api", expires_at=timezone.now() + dt.timedelta(days=1)
    )
    ApiToken.issue(org.user("employee"))
    return {
        "api:invitation_cancel": {"invitation_id": api_other.pk},
        "api:account_action": {"employee_id": org.employee.pk, "action": "reset"},
        "accounts:accept": {"token": sent[0].link.rstrip("/").rsplit("/", 1)[1]},
        "accounts:cancel_invitation": {"pk": other.pk},
        "accounts:account_action": {"pk": org.employee.pk, "action": "reset"},
        "accounts:password_reset_confirm": {"uidb64": "MQ", "token": "not-a-token"},
        "tokens:revoke": {"pk": ApiToken.objects.get(user=org.user("employee")).pk},
    }
