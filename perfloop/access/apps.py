from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "perfloop.access"
    label = "access"
    url_prefix = "access/"
    verbose_name = _("Access")

    def ready(self):
        from perfloop.access import leaving  # noqa: F401
        from perfloop.access.ui import register

        register()
