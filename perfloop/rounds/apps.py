from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The kind of private read this app logs: someone else's submitted review form.
FORM_READ = "rv_form"


class RoundsConfig(AppConfig):
    name = "perfloop.rounds"
    label = "rounds"
    url_prefix = "rounds/"
    api_router = "perfloop.rounds.api.router"
    demo = "perfloop.rounds.demo.seed_rounds"
    verbose_name = _("Online reviews")

    def ready(self):
        from perfloop.access.personal_data import add_sections
        from perfloop.rounds import erasure, personal_data  # noqa: F401  (erasure: its receivers)

        add_sections(personal_data.SECTIONS)
        from perfloop.access.audit import register_read_kind
        from perfloop.feedback.registry import add_employee_view
        from perfloop.reviews.registry import add_attributed, add_before_scoring
        from perfloop.rounds import employee_view, notifications, selectors, services, ui

        register_read_kind(FORM_READ, _("Review form"))
        add_before_scoring(services.close_due)
        add_employee_view(employee_view.self_assessment)
        add_attributed(selectors.attributed_reviewers)
        ui.register()
        notifications.register()
