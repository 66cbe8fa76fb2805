from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    """Sign-in with the company's directory and keeping the organisation in step with it."""

    name = "perfloop.directory"
    label = "directory"
    verbose_name = _("Company directory")
    url_prefix = "directory/"
    api_router = "perfloop.directory.api.router"

    def ready(self):
        from perfloop.accounts import signin_options
        from perfloop.directory import events, methods, ui

        events.register()
        ui.register()
        signin_options.register(methods.login_buttons)
