"""URL-walk declarations of the account routes beyond login (see tests/access/test_url_walk.py)."""

from perfloop.accounts import invitations
from perfloop.org.models import Employee
from tests.access.walk_roles import HR_OR_ADMIN, PUBLIC

DECLARED = {
    "accounts:invitations": ("get", HR_OR_ADMIN),
    "accounts:accept": ("get", PUBLIC),  # the link itself is the credential
}


def arguments(org) -> dict:
    sent = invitations.invite(employees=Employee.objects.filter(employee_no="L0001"), by=None)
    return {"accounts:accept": {"token": sent[0].link.rstrip("/").rsplit("/", 1)[1]}}
