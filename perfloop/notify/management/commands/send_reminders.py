"""Reminders from time passing; safe to run from cron or a timer every few minutes (nothing twice)."""

import datetime as dt

from django.core.management.base import BaseCommand

from perfloop.notify.reminders import send_reminders
from perfloop.notify.sending import recover


class Command(BaseCommand):
    help = "Raise the reminders due today (check-ins, milestones, commitments, plans ending, meetings)."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, help="as if today were YYYY-MM-DD")

    def handle(self, *args, today=None, **options):
        made = send_reminders(today)
        again = recover()
        self.stdout.write(
            f"{made} new notifications" + (f"; {again} deliveries queued again" if again else "")
        )
