from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perfloop.documents.imports import ImportRefused
from perfloop.reviews.importing import apply_import, plan_import
from perfloop.reviews.models import ReviewCycle


class ImportCommand(BaseCommand):
    """Shared by the import commands: all rows or none, every bad row printed with its line."""

    kind = ""
    needs_cycle = True

    def add_arguments(self, parser):
        if self.needs_cycle:
            parser.add_argument("--cycle", required=True, help="Name of the review cycle.")
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check and report; change nothing.")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        cycle = None
        if self.needs_cycle:
            cycle = ReviewCycle.objects.filter(name=options["cycle"]).first()
            if cycle is None:
                raise CommandError(f"No review cycle named {options['cycle']!r}.")
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        try:
            plan = (plan_import if dry_run else apply_import)(self.kind, content, file.name, cycle=cycle)
        except ImportRefused as refused:
            plan = refused.plan
        if not plan.ok:
            for error in plan.errors:
                self.stderr.write(f"{file.name}: {error}")
            raise CommandError(f"{len(plan.errors)} error(s); nothing was changed.")
        self.stdout.write(
            f"{plan.rows} rows: {'would create' if dry_run else 'created'} {plan.to_create}, "
            f"{'would update' if dry_run else 'updated'} {plan.to_update}, unchanged {plan.unchanged}."
        )
