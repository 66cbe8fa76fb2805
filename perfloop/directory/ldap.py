"""Sign-in with LDAP or Active Directory, by django-auth-ldap: PerfLoop binds with its service
account, finds the person with the user filter (the typed name escaped by the library), binds as
them with their password, and reads their groups. The person is then the employee `signin` finds;
the backend never makes a user of its own. A refusal reaches the login form with its reason and
counts as a failed sign-in for the lockout."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django_auth_ldap.backend import LDAPBackend as Library

from perfloop.accounts.backends import ModelBackend
from perfloop.accounts.views import SIGNIN_REFUSAL
from perfloop.directory import signin
from perfloop.directory.ldap_sync import first_text
from perfloop.directory.models import Source


class LDAPBackend(Library):
    def authenticate(self, request, username=None, password=None, **kwargs):
        try:
            return super().authenticate(request, username=username, password=password, **kwargs)
        except signin.Refused as refused:
            if request is not None:
                setattr(request, SIGNIN_REFUSAL, str(refused))
            raise PermissionDenied from None  # Django reports the failed sign-in (the lockout counts it)

    def get_or_build_user(self, username, ldap_user):
        attrs, names = ldap_user.attrs, settings.PERFLOOP_LDAP_ATTRIBUTES
        groups = ldap_user.group_dns
        claims = signin.Claims(
            source=Source.LDAP,
            external_id=first_text(attrs, names["id"]) or ldap_user.dn,
            employee_no=first_text(attrs, names["employee_no"]),
            email=first_text(attrs, names["email"]),
            mobile=first_text(attrs, names["mobile"]),
            groups=frozenset(
                role for role, dn in settings.PERFLOOP_LDAP_ROLE_GROUPS.items() if dn and dn.lower() in groups
            ),
        )
        return signin.user_for(claims), False

    def get_user(self, user_id):
        return ModelBackend().get_user(user_id)  # a disabled account is refused on its next request
