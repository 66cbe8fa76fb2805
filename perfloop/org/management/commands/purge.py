from django.core.management.base import BaseCommand

from perfloop.org.retention import purge


class Command(BaseCommand):
    help = (
        "Erase the personal fields of departed people past the organisation's retention (figures stay); "
        "--dry-run lists them and changes nothing. Every run is kept (admin: purge runs)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="list who is due, change nothing")

    def handle(self, *args, dry_run: bool, **options):
        run, people = purge(dry_run=dry_run)
        verb = "due" if dry_run else "erased"
        self.stdout.write(
            f"{len(people)} {verb} (left before {run.left_before}, kept {run.years} years after leaving)"
        )
        for employee in people:
            self.stdout.write(f"  {employee.employee_no}\t{employee.name}\tleft {employee.left_on}")
