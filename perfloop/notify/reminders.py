"""Reminders from time passing 定时提醒: each app adds its own (registry.add_reminders) — the
tracking wing's check-ins due and overdue, milestones passed, commitments late and plans ending,
the feedback stage's meetings tomorrow. Each event's key names its occasion, so a run repeated any
number of times reaches nobody twice. Writes due on a date (registry.add_due_work) run first, so
what they change is what today's reminders read."""

import datetime as dt

from django.utils import timezone

from perfloop.notify import audience
from perfloop.notify.dispatch import raise_all
from perfloop.notify.registry import DUE_WORK, REMINDERS


def send_reminders(today: dt.date | None = None) -> int:
    """Raise every reminder due today; returns how many notifications are new."""
    today = today or timezone.localdate()
    for work in DUE_WORK:
        work(today)
    rules = audience.rules()
    return raise_all([event for reminders in REMINDERS for event in reminders(today, rules)], rules)
