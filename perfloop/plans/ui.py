"""What the plan stage adds to the shared pages: its menu entries and home card."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perfloop.access.policy import roles_for
from perfloop.feedback.models import FeedbackRecord
from perfloop.home.registry import (
    SETTINGS,
    HomeSection,
    MenuItem,
    PageAction,
    TodoSource,
    add_home_section,
    add_menu_item,
    add_page_action,
    add_todo_source,
)
from perfloop.plans import rules, selectors, todos
from perfloop.plans.models import Plan
from perfloop.reviews import analysis
from perfloop.reviews.models import Band, ReviewCycle


def _mine(user) -> dict:
    return {"plans": selectors.my_plans(user).exclude(status=Plan.Status.CLOSED)[:5]}


def _plan_from(user, employee, source, kind=Plan.Kind.IMPROVEMENT) -> tuple[str, str] | None:
    """The plan of this kind drafted from this result or record if there is one, else a new plan
    for the person (drafted from their latest published result and held conversation)."""
    if not rules.can_write(user, employee):
        return None
    existing = Plan.objects.visible_to(user).filter(kind=kind, **source).order_by("-pk").first()
    if existing is not None:
        return _("Open the plan"), existing.get_absolute_url()
    query = {"employee": employee.employee_no, **({"kind": kind} if kind == Plan.Kind.DEVELOPMENT else {})}
    new = f"{reverse('plans:new')}?{urlencode(query)}"
    if kind == Plan.Kind.DEVELOPMENT:
        return _("Start a development plan"), new
    return _("Start an improvement plan"), new


# A strong result 优秀/良好 is built on with a development plan; a result with shortfalls is
# improved on (a strong one may have both).
STRONG = (Band.EXCELLENT, Band.GOOD)


def _from_result(user, result) -> tuple[str, str] | None:
    if result.cycle.status not in ReviewCycle.PUBLISHED:
        return None
    if result.band in STRONG and not analysis.analyse(result.breakdown, "")[1]:
        return None  # nothing to improve on
    return _plan_from(user, result.employee, {"result": result})


def _development_from_result(user, result) -> tuple[str, str] | None:
    if result.cycle.status not in ReviewCycle.PUBLISHED or result.band not in STRONG:
        return None
    return _plan_from(user, result.employee, {"result": result}, Plan.Kind.DEVELOPMENT)


def _from_record(user, record) -> tuple[str, str] | None:
    if record.status == FeedbackRecord.Status.PLANNED:
        return None
    return _plan_from(user, record.employee, {"feedback": record})


def register():
    add_todo_source(TodoSource("plans", rules.can_use_plans, todos.todos, order=30))
    for page, found in (("result", _from_result), ("record", _from_record)):
        add_page_action(PageAction(f"plan-from-{page}", page, found, order=30))
    add_page_action(PageAction("development-from-result", "result", _development_from_result, order=31))
    add_menu_item(
        MenuItem("plans", pgettext_lazy("menu", "Plans"), "plans:index", rules.can_use_plans, order=30)
    )
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
