from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "perfloop.api"
    label = "api"
    verbose_name = _("API")
    url_prefix = "tokens/"  # each person's own tokens; the API itself is at api/v1/

    def ready(self):
        from perfloop.api import leaving  # noqa: F401
        from perfloop.home.registry import SETTINGS, MenuItem, add_menu_item

        add_menu_item(
            MenuItem("tokens", _("API tokens"), "tokens:list", _signed_in, order=95, group=SETTINGS)
        )


def _signed_in(user) -> bool:
    return user.is_authenticated
