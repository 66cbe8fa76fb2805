from django.utils.translation import gettext_lazy as _

from perfloop.directory import rules
from perfloop.home.registry import SETTINGS, MenuItem, add_menu_item


def register():
    add_menu_item(
        MenuItem(
            "directory_sync", _("Directory sync"), "directory:index", rules.can_sync, order=44, group=SETTINGS
        )
    )
    add_menu_item(
        MenuItem(
            "signin_methods",
            _("Sign-in methods"),
            "directory:methods",
            rules.can_manage_signin,
            order=45,
            group=SETTINGS,
        )  # fmt: skip
    )
