from django.utils.translation import gettext_lazy as _

from perfloop.home.registry import REPORTS, MenuItem, add_menu_item
from perfloop.training import rules


def register():
    add_menu_item(
        MenuItem(
            "training-needs",
            _("Training needs"),
            "training:needs",
            rules.can_read_needs,
            order=60,
            group=REPORTS,
        )
    )
    add_menu_item(
        MenuItem(
            "training-sessions",
            _("Training sessions"),
            "training:sessions",
            rules.can_run_sessions,
            order=61,
            group=REPORTS,
        )
    )
