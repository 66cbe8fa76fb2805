import sys
from json import dumps

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
        parser.add_argument(
            "--evaluate", metavar="FILE",
            help="measure the coach on a labelled TSV (language, rules or 'clean', sentence): precision, "
            "recall and F1 per language and rule, the clean sentences flagged; --json for the figures as JSON",
        )  # fmt: skip
        parser.add_argument("--json", action="store_true", help="with --evaluate: JSON, with every miss")

    def handle(
        self, *args, lang: str, jsonl: bool, evaluate: str | None = None, json: bool = False, **options
    ):
        if evaluate:
            from pathlib import Path

            from perfloop.feedback import coach_evaluation

            found = coach_evaluation.evaluate(
                coach_evaluation.read(Path(evaluate).read_text(encoding="utf-8"))
            )
            self.stdout.write(
                dumps(found.as_dict(), ensure_ascii=False, indent=1)
                if json
                else coach_evaluation.table(found)
            )
            return
        stdin = sys.stdin.buffer.read().decode("utf-8", errors="replace")
        texts = stdin.splitlines() if jsonl else [stdin]
        for text in texts:
            self.stdout.write(dumps(coach.check_dicts(text, lang), ensure_ascii=False))
