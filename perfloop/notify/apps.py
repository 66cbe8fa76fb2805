from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "perfloop.notify"
    label = "notify"
    url_prefix = "notify/"
    api_router = "perfloop.notify.api.router"
    verbose_name = _("Reminders and notifications")

    def ready(self):
        from perfloop.notify import erasure, ui  # noqa: F401  (erasure: its receivers)

        ui.register()
