from django.utils.translation import gettext_lazy as _

from perfloop.home.registry import SETTINGS, MenuItem, add_menu_item
from perfloop.webhooks import rules


def register():
    add_menu_item(
        MenuItem("webhooks", _("Webhooks"), "webhooks:list", rules.can_manage, order=48, group=SETTINGS)
    )
