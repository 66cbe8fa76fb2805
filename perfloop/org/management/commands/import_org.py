from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perfloop.org.importing import ImportRefused, apply_org_import, plan_org_import


class Command(BaseCommand):
    help = "Import the organisation from an XLSX or CSV file: all rows or none."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; change nothing.")

    def handle(self, *args, file: Path, dry_run: bool, **options):
        try:
            content = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"{file}: {exc.strerror}") from exc
        if dry_run:
            plan = plan_org_import(content, file.name)
        else:
            try:
                plan = apply_org_import(content, file.name)
            except ImportRefused as refused:
                plan = refused.plan
        if not plan.ok:
            for error in plan.errors:
                self.stderr.write(f"{file.name}: {error}")
            raise CommandError(f"{len(plan.errors)} error(s); nothing was changed.")
        verb = "would create" if dry_run else "created"
        self.stdout.write(
            f"{len(plan.rows)} rows: {verb} {plan.to_create}, "
            f"{'would update' if dry_run else 'updated'} {plan.to_update}, unchanged {plan.unchanged}; "
            f"new departments {len(plan.new_departments)}, new positions {len(plan.new_positions)}."
        )
