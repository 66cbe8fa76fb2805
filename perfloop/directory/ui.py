from django.utils.translation import gettext_lazy as _

from perfloop.directory import rules
from perfloop.home.registry import SETTINGS, MenuItem, add_menu_item


def register():
    add_menu_item(
        MenuItem(
            "directory_sync", _("Directory sync"), "directory:index", rules.can_sync, order=44, group=SETTINGS
        )
    )
