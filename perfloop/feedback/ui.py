"""What the feedback stage adds to the shared pages: its menu entry and home cards."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from perfloop.access.policy import roles_for
from perfloop.feedback import rules, selectors, todos
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
from perfloop.reviews.models import ReviewCycle

Status = FeedbackRecord.Status


def _conversation_of(user, result) -> tuple[str, str] | None:
    """From a result: its feedback conversation, or the cycle's overview to prepare one."""
    if result.cycle.status not in ReviewCycle.PUBLISHED:
        return None
    record = FeedbackRecord.objects.visible_to(user).filter(result=result).first()
    if record is not None:
        return _("Open the feedback conversation"), reverse("feedback:record", args=[record.pk])
    if result.cycle.status == ReviewCycle.Status.FEEDBACK and rules.can_hold(user, result.employee):
        return _("Prepare the feedback conversation"), reverse("feedback:cycle", args=[result.cycle_id])
    return None


def _overview_of(user, cycle) -> tuple[str, str] | None:
    if cycle.status not in ReviewCycle.PUBLISHED or not rules.can_view_overview(user):
        return None
    return _("Feedback conversations"), reverse("feedback:cycle", args=[cycle.pk])


def register():
    add_todo_source(TodoSource("feedback", rules.can_use_feedback, todos.todos, order=20))
    add_page_action(PageAction("conversation", "result", _conversation_of, order=20))
    add_page_action(PageAction("feedback-overview", "cycle", _overview_of, order=20))
    add_menu_item(
        MenuItem(
            "feedback",
            pgettext_lazy("menu", "Conversations"),
            "feedback:index",
            rules.can_use_feedback,
            order=20,
        )
    )
    add_menu_item(MenuItem("appeals", _("Appeals"), "feedback:appeals", rules.can_handle_appeals, order=25))
    add_menu_item(
        MenuItem(
            "record-layout",
            _("Record layout"),
            "feedback:template",
            rules.can_manage_template,
            order=90,
            group=SETTINGS,
        )
    )
    add_home_section(
        HomeSection(
            "my-feedback",
            "feedback/home_mine.html",
            lambda user: roles_for(user).is_employee,
            # The employee's own records, those waiting for their answer first.
            lambda user: {
                "records": selectors.records_for(user)
                .filter(employee=roles_for(user).employee)
                .exclude(status=Status.PLANNED, starts_at__isnull=True)[:5]
            },
            order=12,
        )
    )
