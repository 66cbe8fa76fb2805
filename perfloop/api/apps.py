from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "perfloop.api"
    label = "api"
    verbose_name = _("API")

    def ready(self):
        from perfloop.api import leaving  # noqa: F401
