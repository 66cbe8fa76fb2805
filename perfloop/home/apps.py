from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _has_work(user) -> bool:
    from perfloop.access.policy import roles_for

    roles = roles_for(user)
    return roles.is_employee or roles.is_manager or roles.is_hr


class HomeConfig(AppConfig):
    name = "perfloop.home"
    label = "home"
    url_prefix = ""
    verbose_name = _("Home")

    def ready(self):
        from perfloop.home import setup
        from perfloop.home.registry import HomeSection, add_home_section, todos_for

        add_home_section(
            HomeSection(
                "setup", "home/sections/setup.html", setup.shown_to, setup.checklist, order=1, wide=True
            )
        )
        # What waits for the user, from every stage's to-do sources, before the cards.
        add_home_section(
            HomeSection(
                "todo",
                "home/sections/todo.html",
                _has_work,
                lambda user: {"todos": todos_for(user)},
                order=2,
                wide=True,
            )
        )
