from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccessConfig(AppConfig):
    name = "perfloop.access"
    label = "access"
    url_prefix = "access/"
    api_router = "perfloop.access.api.router"
    verbose_name = _("Access")

    def ready(self):
        from perfloop.access import leaving, reads_data, stamp  # noqa: F401  (leaving: its receivers)
        from perfloop.access.audit import register_read_kind
        from perfloop.access.personal_data import EXPORT_READ, add_sections
        from perfloop.access.ui import register

        add_sections(reads_data.SECTIONS)
        register_read_kind(EXPORT_READ, _("Personal data export"))
        register()
        post_migrate.connect(stamp.ensure, sender=self, dispatch_uid="access.stamp")
