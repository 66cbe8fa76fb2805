from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The kind of private read this app logs: a promotion or transfer dossier opened.
DOSSIER_READ = "dossier"


class CareersConfig(AppConfig):
    """Career development 职业发展: the development path and promotion or transfer dossiers."""

    name = "perfloop.careers"
    label = "careers"
    url_prefix = "careers/"
    api_router = "perfloop.careers.api.router"
    demo = "perfloop.careers.demo.seed_careers"
    verbose_name = _("Careers")

    def ready(self):
        from perfloop.access.audit import register_read_kind
        from perfloop.access.personal_data import add_sections
        from perfloop.careers import dossiers, erasure, notifications, personal_data, ui  # noqa: F401  (erasure: its receivers)
        from perfloop.notify.registry import add_due_work

        register_read_kind(DOSSIER_READ, _("Promotion or transfer dossier"))
        add_sections(personal_data.SECTIONS)
        notifications.register()
        add_due_work(dossiers.apply_due)  # approvals take effect on their date
        ui.register()
