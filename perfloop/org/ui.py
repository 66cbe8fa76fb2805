"""What the organisation app adds to the shared pages: menu entries and home cards."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from perfloop.access import policy
from perfloop.home.registry import (
    HomeSection,
    MenuItem,
    SetupStep,
    add_home_section,
    add_menu_item,
    add_setup_step,
)
from perfloop.org.models import Employee

DIRECT_REPORTS_SHOWN = 10


def _team(user) -> dict:
    """The team's size and the first direct reports; the team page lists everyone."""
    roles = policy.roles_for(user)
    team = policy.managed_employees(user).filter(status=Employee.Status.ACTIVE)
    direct = team.filter(manager=roles.employee)
    direct_count = direct.count()
    return {
        "team_size": team.count(),
        "direct_count": direct_count,
        "more_direct": max(direct_count - DIRECT_REPORTS_SHOWN, 0),
        "direct_reports": direct.select_related("position").order_by("employee_no")[:DIRECT_REPORTS_SHOWN],
    }


def _hr_people(user) -> dict:
    roles = policy.roles_for(user)
    top = min(d.count("/") - 2 for d in roles.hr_paths)  # the depth of the highest department in scope
    return {
        "departments": policy.hr_departments(user).filter(depth__lte=top + 1).order_by("path"),
        "headcount": policy.visible_employees(user).aggregate(
            active=Count("id", filter=Q(status=Employee.Status.ACTIVE)),
            left=Count("id", filter=Q(status=Employee.Status.LEFT)),
        ),
    }


def register():
    add_setup_step(
        SetupStep(
            "organisation",
            _("Import the organisation: departments, employees and their managers"),
            Employee.objects.exists,
            "imports:index",
            policy.can_import_org,
            order=10,
        )
    )
    add_menu_item(MenuItem("team", _("My team"), "org:team", policy.can_view_team, order=20))
    add_menu_item(
        MenuItem("directory", _("Directory"), "org:directory", policy.can_use_org_directory, order=30)
    )
    add_home_section(
        HomeSection(
            "manager",
            "home/sections/my_team.html",
            lambda user: policy.roles_for(user).is_manager,
            _team,
            order=20,
        )
    )
    add_home_section(
        HomeSection(
            "hr-people",
            "home/sections/hr_people.html",
            lambda user: policy.roles_for(user).is_hr,
            _hr_people,
            order=40,
        )
    )
