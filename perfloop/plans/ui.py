"""What the plan stage adds to the shared pages: its menu entries and home card."""

from django.utils.translation import gettext_lazy as _

from perfloop.access.policy import roles_for
from perfloop.home.registry import SETTINGS, HomeSection, MenuItem, add_home_section, add_menu_item
from perfloop.plans import rules, selectors
from perfloop.plans.models import Plan


def _mine(user) -> dict:
    employee = roles_for(user).employee
    plans = selectors.plans_for(user, employee_id=employee.pk).exclude(status=Plan.Status.CLOSED)
    return {"plans": plans[:5]}


def register():
    add_menu_item(MenuItem("plans", _("Improvement plans"), "plans:index", rules.can_use_plans, order=30))
    add_menu_item(
        MenuItem(
            "plan-templates",
            _("Plan templates"),
            "plans:templates",
            rules.can_manage_templates,
            order=35,
            group=SETTINGS,
        )
    )
    add_home_section(
        HomeSection(
            "my-plans",
            "plans/home_mine.html",
            lambda user: roles_for(user).is_employee,
            _mine,
            order=14,
        )
    )
