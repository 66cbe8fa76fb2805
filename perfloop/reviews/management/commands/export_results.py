import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from perfloop.reviews.exporting import export
from perfloop.reviews.models import ReviewCycle


class Command(BaseCommand):
    help = "Export a cycle's results: one row per employee with composite, band and indicator scores."

    def add_arguments(self, parser):
        parser.add_argument("--cycle", required=True)
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", type=Path, help="File to write; standard output when omitted.")

    def handle(self, *args, cycle: str, format: str, output: Path | None, **options):
        found = ReviewCycle.objects.filter(name=cycle).first()
        if found is None:
            raise CommandError(f"No review cycle named {cycle!r}.")
        data = export(found.results.all(), format)
        if output is None:
            if format == "xlsx":
                raise CommandError("Give --output for XLSX.")
            sys.stdout.buffer.write(data)
        else:
            output.write_bytes(data)
            self.stderr.write(f"{found.results.count()} results written to {output}")
