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
        from django.db.models.signals import post_migrate

        from perfloop.insights import ui
        from perfloop.insights.team import stored

        ui.register()
        post_migrate.connect(stored.ensure, sender=self, dispatch_uid="insights.figures_stamp")
