"""What the review stage adds to the shared pages: its menu entry and home cards."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perfloop.access.policy import roles_for
from perfloop.home.registry import (
    HomeSection,
    MenuItem,
    SetupStep,
    add_home_section,
    add_menu_item,
    add_setup_step,
)
from perfloop.reviews import rules, selectors
from perfloop.reviews.models import ReviewCycle, Template

HR_STEP = _("HR's step")


def _steps():
    steps = [
        ("templates", _("Set up the review templates: indicators, weights and targets"), Template.objects.exists, "reviews:template_list"),
        ("cycle", _("Create the first review cycle"), ReviewCycle.objects.exists, "reviews:cycle_list"),
        ("publish", _("Import the results, score and publish the cycle"), lambda: ReviewCycle.objects.published().exists(), "reviews:cycle_list"),
    ]  # fmt: skip
    for order, (key, label, done, url_name) in enumerate(steps, start=40):
        add_setup_step(
            SetupStep(key, label, done, url_name, rules.can_manage_cycles, who=HR_STEP, order=order)
        )


def register():
    _steps()
    add_menu_item(
        # "Cycles" beside the online reviews' "Reviews" in the bar (the page is titled in full).
        MenuItem(
            "cycles", pgettext_lazy("menu", "Cycles"), "reviews:cycle_list", rules.can_view_cycles, order=10
        )
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
