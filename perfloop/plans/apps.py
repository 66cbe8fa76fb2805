from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The kind of private read this app logs (the access core's read log).
PLAN_READ = "plan"


class PlansConfig(AppConfig):
    name = "perfloop.plans"
    label = "plans"
    url_prefix = "plans/"
    api_router = "perfloop.plans.api.router"
    # After the feedback stage's demo: a plan drafted from the demo's result and conversation.
    demo = "perfloop.plans.demo.seed_plans"
    verbose_name = _("Plans")

    def ready(self):
        from perfloop.access.personal_data import add_sections
        from perfloop.plans import erasure, personal_data  # noqa: F401  (erasure: its receivers)

        add_sections(personal_data.SECTIONS)
        from perfloop.access.audit import register_read_kind
        from perfloop.plans import ui

        register_read_kind(PLAN_READ, _("Plan"))
        ui.register()
        from perfloop.plans import notifications

        notifications.register()
