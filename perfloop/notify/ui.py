"""The inbox bell in the navigation bar, for everyone signed in."""

from django.utils.translation import gettext_lazy as _

from perfloop.home.registry import (
    SETTINGS,
    MenuItem,
    NavItem,
    TodoSource,
    add_menu_item,
    add_nav_item,
    add_todo_source,
)
from perfloop.notify import chat, event_rules, inbox, log, todos


def _signed_in(user) -> bool:
    return user.is_authenticated


def _bell(user) -> dict:
    count = inbox.unread_count(user)
    return {"unread": count, "more": count > inbox.SHOWN_UNREAD, "shown": min(count, inbox.SHOWN_UNREAD)}


def register():
    add_todo_source(TodoSource("deliveries", log.can_read, todos.todos, order=90))
    add_nav_item(NavItem("inbox", "notify/_bell.html", _signed_in, _bell, order=10))
    add_menu_item(
        MenuItem("deliveries", _("Deliveries"), "notify:deliveries", log.can_read, order=45, group=SETTINGS)
    )
    add_menu_item(
        MenuItem("robots", _("Chat robots"), "notify:robots", chat.can_manage, order=46, group=SETTINGS)
    )
    add_menu_item(
        MenuItem(
            "rules", _("Notification rules"), "notify:rules", event_rules.can_read, order=47, group=SETTINGS
        )
    )
