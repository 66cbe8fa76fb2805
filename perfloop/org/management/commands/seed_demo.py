from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from perfloop.org.demo import DEMO_LOGINS, DEMO_PASSWORD, seed_demo
from perfloop.org.models import Employee


class Command(BaseCommand):
    help = "Load the demo company 星河科技 with the demo logins (password perfloop-demo)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow it when PERFLOOP_DEBUG is off.")
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when employees exist.")

    def handle(self, *args, force: bool, if_empty: bool, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo logins with a known password while PERFLOOP_DEBUG is off; "
                "use --force if this really is a demo server."
            )
        if if_empty and Employee.objects.exists():
            self.stdout.write("Employees exist; demo data not loaded.")
            return
        seed_demo()
        self.stdout.write(f"Demo company loaded: {Employee.objects.count()} employees.")
        self.stdout.write(f"Logins (password {DEMO_PASSWORD}):")
        for username, _role, description in DEMO_LOGINS:
            self.stdout.write(f"  {username:<9} {description}")
        self.stdout.write("  and every employee by their employee number (e.g. XH0005).")
