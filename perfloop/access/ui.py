"""What the access app adds to the shared pages: access changes and administration."""

from django.utils.translation import gettext_lazy as _

from perfloop.access import hr_scopes, policy
from perfloop.access.models import HRAssignment
from perfloop.home.registry import (
    SETTINGS,
    HomeSection,
    MenuItem,
    SetupStep,
    add_home_section,
    add_menu_item,
    add_setup_step,
)


def _hr_named() -> bool:
    """Someone is HR, and every HR person's own records are covered by another one."""
    return HRAssignment.objects.exists() and not hr_scopes.uncovered()


def register():
    add_setup_step(
        SetupStep(
            "hr-people",
            _("Name the HR people and the departments they look after"),
            _hr_named,
            "access:hr_people",
            policy.can_administer,
            who=_("An administrator's step"),
            order=20,
        )
    )
    add_menu_item(
        MenuItem(
            "access",
            _("Access changes"),
            "access:changes",
            policy.can_read_access_changes,
            order=50,
            group=SETTINGS,
        )
    )
    add_menu_item(
        MenuItem(
            "hr-people", _("HR people"), "access:hr_people", policy.can_administer, order=45, group=SETTINGS
        )
    )
    add_menu_item(
        MenuItem("admin", _("Administration"), "admin:index", policy.can_administer, order=60, group=SETTINGS)
    )
    add_home_section(
        HomeSection("admin", "home/sections/administration.html", policy.can_administer, order=60)
    )
