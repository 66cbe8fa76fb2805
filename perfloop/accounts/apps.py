from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "perfloop.accounts"
    label = "accounts"
    url_prefix = "accounts/"
    verbose_name = _("Accounts")

    def ready(self):
        from perfloop.accounts import erasure, leaving, signals  # noqa: F401  (their receivers)
        from perfloop.accounts.invitations import can_invite
        from perfloop.home.registry import SETTINGS, MenuItem, add_menu_item

        add_menu_item(
            MenuItem(
                "invitations", _("Accounts"), "accounts:invitations", can_invite, order=55, group=SETTINGS
            )
        )
