"""What the review stage adds to the shared pages: its menu entry and home cards."""

from django.utils.translation import gettext_lazy as _

from perfloop.access.policy import roles_for
from perfloop.home.registry import HomeSection, MenuItem, add_home_section, add_menu_item
from perfloop.reviews import rules, selectors
from perfloop.reviews.models import ReviewCycle


def register():
    add_menu_item(
        MenuItem("cycles", _("Review cycles"), "reviews:cycle_list", rules.can_view_cycles, order=10)
    )
    add_home_section(
        HomeSection(
            "employee",
            "home/sections/my_results.html",
            lambda user: roles_for(user).is_employee,
            lambda user: {"my_results": selectors.my_results(user).defer("breakdown")[:5]},
            order=10,
        )
    )
    add_home_section(
        HomeSection(
            "team-results",
            "home/sections/team_results.html",
            lambda user: roles_for(user).is_manager,
            lambda user: {"cycles": rules.cycles_for(user).exclude(status=ReviewCycle.Status.DRAFT)[:5]},
            order=21,
        )
    )
    add_home_section(
        HomeSection(
            "hr",
            "home/sections/hr_cycles.html",
            rules.can_manage_cycles,
            lambda user: {"cycles": rules.cycles_for(user)[:5]},
            order=30,
        )
    )
