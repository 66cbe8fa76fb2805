from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "perfloop.access"
    label = "access"
    url_prefix = "access/"
    verbose_name = _("Access")

    def ready(self):
        from perfloop.access import reads_data as data
        from perfloop.access.personal_data import Section, add_section

        for key, rows, order in (("reads_of_records", data.reads, 90),):
            add_section(Section(key, rows, order))  # what a person's data export holds of this app
        from perfloop.access.audit import register_read_kind
        from perfloop.access.personal_data import EXPORT_READ

        register_read_kind(EXPORT_READ, _("Personal data export"))
        from perfloop.access import leaving  # noqa: F401
        from perfloop.access.ui import register

        register()
