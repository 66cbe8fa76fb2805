from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "perfloop.followup"
    label = "followup"
    url_prefix = "followup/"
    api_router = "perfloop.followup.api.router"
    # After the plan stage's demo: a plan under way with two check-ins, off track.
    demo = "perfloop.followup.demo.seed_followup"
    verbose_name = _("Follow-up and outcomes")

    def ready(self):
        from perfloop.access.personal_data import Section, add_section
        from perfloop.followup import erasure  # noqa: F401  (its records past retention)
        from perfloop.followup import personal_data as data

        for key, rows, order in (
            ("check_ins", data.check_ins, 50),
            ("readings", data.readings, 51),
            ("closures", data.closures, 52),
        ):
            add_section(Section(key, rows, order))  # what a person's data export holds of this app
        from perfloop.followup import ui

        ui.register()
