from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "perfloop.org"
    label = "org"
    url_prefix = "org/"
    api_router = "perfloop.org.api.router"
    verbose_name = _("Organisation")

    def ready(self):
        from perfloop.access.personal_data import add_sections
        from perfloop.org import personal_data

        add_sections(personal_data.SECTIONS)
        # The app's kinds of import, menu entries and home cards (the shared pages' plug-in points).
        from perfloop.org import imports, ui

        imports.register_kinds()
        ui.register()
