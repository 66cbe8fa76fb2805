from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImportsConfig(AppConfig):
    name = "perfloop.imports"
    label = "imports"
    url_prefix = "imports/"
    api_router = "perfloop.imports.api.router"
    verbose_name = _("Imports")

    def ready(self):
        from perfloop.imports.ui import register

        register()
