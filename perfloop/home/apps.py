from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "perfloop.home"
    label = "home"
    url_prefix = ""
    verbose_name = _("Home")
