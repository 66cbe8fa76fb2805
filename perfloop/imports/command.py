"""The base of every import command: all rows or none, every bad row printed with its line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from perfloop.documents.bounds import BoundExceeded, check_size
from perfloop.documents.imports import ImportRefused
from perfloop.imports.registry import KINDS


class ImportCommand(BaseCommand):
    kind = ""

    def add_arguments(self, parser):
        target = KINDS[self.kind].target
        if target is not None:
            parser.add_argument(
                f"--{target.option}", required=True, help=f"Name of the {target.label}.".lower()
            )
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check and report; change nothing.")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        importer = KINDS[self.kind]
        target = None
        if importer.target is not None:
            name = options[importer.target.option]
            target = importer.target.lookup(name)
            if target is None:
                with translation.override("en"):  # commands speak English
                    raise CommandError(f"No {str(importer.target.label).lower()} named {name!r}.")
        try:
            check_size(file.stat().st_size)  # before reading: the same limit as uploads
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        except BoundExceeded as exc:
            raise CommandError(f"{file}: {exc}") from exc
        # Operators run commands with the whole organisation in scope (no user).
        try:
            plan = (importer.plan if dry_run else importer.apply)(
                content, file.name, user=None, target=target
            )
        except ImportRefused as refused:
            plan = refused.plan
        if not plan.ok:
            for error in plan.errors:
                self.stderr.write(f"{file.name}: {error}")
            raise CommandError(f"{len(plan.errors)} error(s); nothing was changed.")
        summary = plan.summary()
        self.stdout.write(
            f"{summary['rows']} rows: {'would create' if dry_run else 'created'} {summary['to_create']}, "
            f"{'would update' if dry_run else 'updated'} {summary['to_update']}, unchanged {summary['unchanged']}."
        )
        for note in summary["notes"]:
            self.stdout.write(note)
