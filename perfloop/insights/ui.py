"""What the insights app adds elsewhere: its menu entries, and on a plan's page the lessons for a
plan being drafted and, once the plan is finished, the way to write one."""

from django.utils.translation import gettext_lazy as _

from perfloop.home.registry import REPORTS, MenuItem, add_menu_item
from perfloop.insights import lessons, rules
from perfloop.insights.models import ReportSettings
from perfloop.insights.team import scope as team_scope
from perfloop.plans import rules as plan_rules
from perfloop.plans.registry import PlanSection, add_plan_section, set_smallest_group


def _lessons(request, plan) -> dict:
    """While the plan is drafted: what others learnt from the same root causes or indicators; once
    it is finished: a lesson to write from it."""
    if plan.status == plan.Status.DRAFT and plan_rules.owns(request.user, plan):
        return {"lessons": lessons.for_plan(request.user, plan)}
    if rules.can_write_lesson(request.user, plan):
        return {"plan": plan, "can_write": True}
    return {}


def register():
    add_menu_item(
        MenuItem(
            "team-report", _("Team report"), "insights:team", team_scope.can_read, order=32, group=REPORTS
        )
    )
    add_menu_item(
        MenuItem(
            "outcomes", _("Outcomes"), "insights:outcomes", rules.can_see_outcomes, order=33, group=REPORTS
        )
    )
    add_menu_item(MenuItem("lessons", _("Lessons"), "insights:lessons", plan_rules.can_use_plans, order=34))
    add_plan_section(PlanSection("lessons", "insights/_plan_lessons.html", _lessons, order=5))
    set_smallest_group(lambda: ReportSettings.current().min_group)  # a team plan's figures, as reports
