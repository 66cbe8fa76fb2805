from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Training needs 培训需求 rolled up from the loop, and the sessions that answer them."""

    name = "perfloop.training"
    label = "training"
    verbose_name = _("Training")
    url_prefix = "training/"
    api_router = "perfloop.training.api.router"
    demo = "perfloop.training.demo.seed_training"

    def ready(self):
        from perfloop.access.personal_data import add_sections
        from perfloop.training import personal_data, ui

        ui.register()
        add_sections(personal_data.SECTIONS)
