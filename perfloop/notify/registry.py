"""The notification contract. Each app declares its own events from its `AppConfig.ready()` — the
name, what it is called on the rules page, the sentence in the reader's language, who hears it by
default and on which channels, an attachment for its e-mail — and raises them (`send`) from its own
listeners and reminders. This app delivers whatever is declared, and names no stage.

Every event is about one person: their conversation, record, appeal or plan. A group robot is read
by the whole group (保证私密性，避免公开批评), so by default none goes to a group; an organisation
turns one on only after a warning that shows what the group would read.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

from perfloop.notify.models import Channel

EMPLOYEE, MANAGER, HR = "employee", "manager", "hr"
WHO = (EMPLOYEE, MANAGER, HR)
CHANNELS = (Channel.EMAIL, Channel.CHAT)  # besides the inbox
PRIVATE = (Channel.EMAIL,)  # the channels that reach the recipient alone


@dataclass(frozen=True)
class Rule:
    who: tuple[str, ...]
    channels: tuple[str, ...] = PRIVATE
    days: int | None = None  # for an event announced ahead (a plan ending): how many days before


@dataclass(frozen=True)
class EventType:
    name: str  # "<app>.<what>", kept in notifications and in the organisation's rules
    label: object  # lazy text: the event on the rules page
    text: Callable[[dict], str]  # the sentence, from the event's params (dates already shown)
    rule: Rule  # the default: who hears it and on which channels
    # (filename, content, MIME type) attached to its e-mail, from the params, or None.
    attachment: Callable[[dict], tuple[str, bytes, str] | None] | None = None


@dataclass(frozen=True)
class Event:
    """One occurrence, about one person."""

    event: str
    key: str  # the same key twice reaches nobody twice
    employee_user_id: int | None
    department_path: str
    manager_user_id: int | None
    params: dict = field(default_factory=dict)
    url: str = ""
    by_user_id: int | None = None


EVENT_TYPES: dict[str, EventType] = {}
# Each is called as reminders(today, rules) from `send_reminders` and returns the Events due today.
REMINDERS: list[Callable[[dt.date, dict[str, Rule]], list[Event]]] = []
# Each is called with every batch of events raised, whoever hears them (outbound webhooks).
LISTENERS: list[Callable[[list[Event]], object]] = []
# Each is called as recover(stale_seconds) by `send_reminders` beside notify's own, and returns how
# many deliveries it queued again (outbound webhooks: deliveries a worker died on, or lost).
RECOVERIES: list[Callable[[int | None], int]] = []
# Each is called as work(today) by `send_reminders` before the reminders are raised: a write that
# takes effect on its date (an approved transfer), through its own app's service; returns how many.
DUE_WORK: list[Callable[[dt.date], int]] = []


def declare(*types: EventType) -> None:
    for kind in types:
        assert kind.name not in EVENT_TYPES, f"event declared twice: {kind.name}"
        EVENT_TYPES[kind.name] = kind


def add_reminders(reminders: Callable) -> None:
    REMINDERS.append(reminders)


def add_listener(listener: Callable[[list[Event]], object]) -> None:
    LISTENERS.append(listener)


def add_due_work(work: Callable[[dt.date], int]) -> None:
    DUE_WORK.append(work)


def add_recovery(recover: Callable[[int | None], int]) -> None:
    RECOVERIES.append(recover)


def about(
    employee, *, event: str, key: str, manager_user_id, params: dict, url: str, by_user_id=None
) -> Event:
    """An event about `employee` (with their department loaded)."""
    return Event(
        event, key[:200], employee.user_id, employee.department.path, manager_user_id, params, url, by_user_id
    )


def send(events: list[Event], rules: dict | None = None) -> int:
    """Notify whom each event's rule names; returns how many notifications are new. Whoever acted
    has seen what they acted on: their own unread notices about it (its page) are read."""
    from django.utils import timezone

    from perfloop.notify.dispatch import raise_all
    from perfloop.notify.models import Notification

    for user_id, url in {(e.by_user_id, e.url) for e in events if e.by_user_id and e.url}:
        Notification.objects.filter(recipient_id=user_id, url=url, read_at__isnull=True).update(
            read_at=timezone.now()
        )
    return raise_all(events, rules)
