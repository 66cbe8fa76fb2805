from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "perfloop.webhooks"
    label = "webhooks"
    url_prefix = "webhooks/"
    api_router = "perfloop.webhooks.api.router"
    verbose_name = _("Webhooks")

    def ready(self):
        from perfloop.notify.registry import add_listener, add_recovery
        from perfloop.webhooks import sending, services, ui

        ui.register()
        add_listener(services.record)
        add_recovery(sending.recover)
