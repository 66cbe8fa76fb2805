import json
import sys

from django.core.management.base import BaseCommand

from perfloop.feedback import coach


class Command(BaseCommand):
    help = (
        "Check feedback wording on stdin (absolutes, judgements of the person, evaluations without a fact) "
        'and print JSON {"findings": [...]}; with --jsonl, one text a line in and one result a line out.'
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--lang", choices=["auto", "zh", "en"], default="auto", help="the text's language"
        )
        parser.add_argument(
            "--jsonl", action="store_true", help="one text per input line, one result per line"
        )

    def handle(self, *args, lang: str, jsonl: bool, **options):
        stdin = sys.stdin.buffer.read().decode("utf-8", errors="replace")
        texts = stdin.splitlines() if jsonl else [stdin]
        for text in texts:
            self.stdout.write(json.dumps(coach.check_dicts(text, lang), ensure_ascii=False))
