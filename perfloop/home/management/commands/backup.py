import datetime as dt
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perfloop.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent backup of the whole database (the app may keep running): one tar file."

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", default="", help="the file to write (default: backups/perfloop-<UTC time>.tar)"
        )

    def handle(self, *args, output: str, **options):
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        target = Path(output or f"backups/perfloop-{stamp}.tar")
        started = time.monotonic()
        try:
            manifest = backup(target)
        except BackupError as error:
            raise CommandError(str(error)) from None
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            f"{target}: {manifest['vendor']}, {len(manifest['tables'])} tables, {rows} rows, "
            f"{target.stat().st_size / 1e6:.1f} MB in {time.monotonic() - started:.1f} s"
        )
