from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "perfloop.insights"
    label = "insights"
    url_prefix = "insights/"
    api_router = "perfloop.insights.api.router"
    # After the follow-up demo: the lessons the manager drew from the plan closed as met.
    demo = "perfloop.insights.demo.seed_insights"
    verbose_name = _("Insights")

    def ready(self):
        from perfloop.insights import ui

        ui.register()
