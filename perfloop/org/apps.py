from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "perfloop.org"
    label = "org"
    verbose_name = _("Organisation")

    def ready(self):
        from perfloop.org.imports import register_kinds

        register_kinds()
