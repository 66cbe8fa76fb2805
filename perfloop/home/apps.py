from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "perfloop.home"
    label = "home"
    url_prefix = ""
    verbose_name = _("Home")

    def ready(self):
        from perfloop.home import setup
        from perfloop.home.registry import HomeSection, add_home_section

        add_home_section(
            HomeSection(
                "setup", "home/sections/setup.html", setup.shown_to, setup.checklist, order=1, wide=True
            )
        )
