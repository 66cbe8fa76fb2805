"""Accounts in Django's admin, with the paths into private records closed.

An administrator manages accounts but is given no one's records (PRODUCT.md), so the admin does
not let them become someone else:
- nobody changes another person's password or e-mail here: the owner sets the password through
  their invitation, a reset link sent to their own e-mail, or HR's new invitation;
- an account is linked to an employee only by HR's invitation (`org.admin`: the link is
  read-only), so an administrator cannot take on a manager's reach;
- HR scopes go only to the accounts of active employees, never to oneself (`access.admin`).
Every change of an account (active, staff, superuser) stays on *Access changes*.
"""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied

from perfloop.accounts.models import Profile

User = get_user_model()


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "language"]
    list_select_related = ["user"]
    search_fields = ["user__username"]


admin.site.unregister(User)


@admin.register(User)
class AccountAdmin(UserAdmin):
    def user_change_password(self, request, id, form_url=""):
        if str(request.user.pk) != str(id):
            raise PermissionDenied  # a password is its owner's to set
        return super().user_change_password(request, id, form_url)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk != request.user.pk:
            readonly.append("email")  # where a reset link would go
        return readonly
