from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "perfloop.accounts"
    label = "accounts"
    url_prefix = "accounts/"
    api_router = "perfloop.accounts.api.router"
    verbose_name = _("Accounts")

    def ready(self):
        from perfloop.accounts import erasure, leaving, signals  # noqa: F401  (their receivers)
        from perfloop.accounts.invitations import can_invite, someone_invited
        from perfloop.home.registry import SETTINGS, MenuItem, SetupStep, add_menu_item, add_setup_step

        add_setup_step(
            SetupStep(
                "accounts",
                _("Invite people to sign in"),
                someone_invited,
                "accounts:invitations",
                can_invite,
                order=30,
            )
        )

        add_menu_item(
            MenuItem(
                "invitations", _("Accounts"), "accounts:invitations", can_invite, order=55, group=SETTINGS
            )
        )
