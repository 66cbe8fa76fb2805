"""What online reviews add to the shared pages: menu entries and the home's to-do items."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext, pgettext_lazy

from perfloop.access.policy import people_q, roles_for
from perfloop.home.registry import (
    TODO_CAP,
    MenuItem,
    Todo,
    TodoSource,
    add_menu_item,
    add_todo_source,
    shown_count,
)
from perfloop.rounds import rules
from perfloop.rounds.models import Nomination, ReviewForm, ReviewRound


def todos(user) -> list[Todo]:
    found = []
    roles = roles_for(user)
    today = timezone.localdate()
    if roles.employee is not None:
        owed = (
            ReviewForm.objects.filter(reviewer=roles.employee, round__status=ReviewRound.Status.OPEN, round__opens_on__lte=today)
            .exclude(status=ReviewForm.Status.SUBMITTED)
            .aggregate(n=Count("pk"), late=Count("pk", filter=Q(round__deadline__lt=today)))
        )  # fmt: skip
        if owed["n"]:
            text = ngettext("%(n)s review to write", "%(n)s reviews to write", owed["n"]) % {"n": owed["n"]}
            found.append(Todo("reviews-owed", text, reverse("rounds:inbox"), late=bool(owed["late"])))
    if roles.is_manager or roles.is_hr:
        waiting = Nomination.objects.filter(
            people_q(user, via="employee__"),
            status=Nomination.Status.PROPOSED,
            round__status=ReviewRound.Status.OPEN,
        )
        # One bounded read gives the count (to the cap) and the round to open.
        rounds = list(waiting.order_by("round_id").values_list("round_id", flat=True)[:TODO_CAP])
        n = len(rounds)
        if n:
            first = rounds[0]
            text = ngettext(
                "%(n)s proposed reviewer to approve", "%(n)s proposed reviewers to approve", n
            ) % {"n": shown_count(n)}
            found.append(Todo("nominations", text, reverse("rounds:nominations", args=[first])))
    return found


def register():
    add_todo_source(TodoSource("rounds", rules.may_review, todos, order=5))
    # One entry: the reviews one owes, with the rounds HR and managers follow linked from it.
    add_menu_item(
        MenuItem(
            "online-reviews", pgettext_lazy("menu", "Reviews"), "rounds:inbox", rules.may_review, order=12
        )
    )
