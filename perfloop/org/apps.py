from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "perfloop.org"
    label = "org"
    url_prefix = "org/"
    api_router = "perfloop.org.api.router"
    verbose_name = _("Organisation")

    def ready(self):
        from perfloop.access.personal_data import Section, add_section
        from perfloop.org import personal_data as data

        for key, rows, order in (("profile", data.profile, 10),):
            add_section(Section(key, rows, order))  # what a person's data export holds of this app
        # The app's kinds of import, menu entries and home cards (the shared pages' plug-in points).
        from perfloop.org import imports, ui

        imports.register_kinds()
        ui.register()
