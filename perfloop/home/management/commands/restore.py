import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perfloop.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore a backup file into this database, which must be new and empty (same vendor)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file: str, **options):
        started = time.monotonic()
        try:
            manifest = restore(Path(file))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"restored {file} (made {manifest['created_at']}): {len(manifest['tables'])} tables, "
            f"{sum(manifest['tables'].values())} rows in {time.monotonic() - started:.1f} s"
        )
