import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from perfloop.plans import smart


class Command(BaseCommand):
    help = (
        "Parse an improvement goal typed as one sentence on stdin and print which SMART letters it meets, "
        "with its metric, unit, baseline, target, deadline and means as JSON; with --jsonl, one sentence "
        "a line in and one result a line out."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--lang", choices=["auto", "zh", "en"], default="auto", help="the sentence's language"
        )
        parser.add_argument(
            "--today", help="resolve relative periods (两周内, next quarter) from this date, YYYY-MM-DD"
        )
        parser.add_argument(
            "--jsonl", action="store_true", help="one sentence per input line, one result per line"
        )

    def handle(self, *args, lang: str, today: str | None, jsonl: bool, **options):
        try:
            day = dt.date.fromisoformat(today) if today else dt.date.today()
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        stdin = sys.stdin.buffer.read().decode("utf-8", errors="replace")
        for text in stdin.splitlines() if jsonl else [stdin]:
            self.stdout.write(json.dumps(smart.parse(text, lang, day).as_dict(), ensure_ascii=False))
