from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackingConfig(AppConfig):
    name = "perfloop.plans.tracking"
    label = "followup"
    url_prefix = "followup/"
    api_router = "perfloop.plans.tracking.api.router"
    # After the plan stage's demo: a plan under way with two check-ins, off track.
    demo = "perfloop.plans.tracking.demo.seed_followup"
    verbose_name = _("Follow-up and outcomes")

    def ready(self):
        from perfloop.access.personal_data import add_sections
        from perfloop.plans.tracking import erasure, personal_data  # noqa: F401  (erasure: its receivers)

        add_sections(personal_data.SECTIONS)
        from perfloop.plans.tracking import ui

        ui.register()
        from perfloop.plans.tracking import notifications

        notifications.register()
