"""What the access app adds to the shared pages: access changes and administration."""

from django.utils.translation import gettext_lazy as _

from perfloop.access import policy
from perfloop.home.registry import SETTINGS, HomeSection, MenuItem, add_home_section, add_menu_item


def register():
    add_menu_item(
        MenuItem(
            "access",
            _("Access changes"),
            "access:changes",
            policy.can_read_access_changes,
            order=50,
            group=SETTINGS,
        )
    )
    add_menu_item(
        MenuItem(
            "hr-people", _("HR people"), "access:hr_people", policy.can_administer, order=45, group=SETTINGS
        )
    )
    add_menu_item(
        MenuItem("admin", _("Administration"), "admin:index", policy.can_administer, order=60, group=SETTINGS)
    )
    add_home_section(
        HomeSection("admin", "home/sections/administration.html", policy.can_administer, order=60)
    )
