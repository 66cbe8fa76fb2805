import time

from django.core.management.base import BaseCommand, CommandError

from perfloop.org.generator import generate_org
from perfloop.org.models import Department


class Command(BaseCommand):
    help = "Generate a large organisation for benchmarks (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--employees", type=int, default=20000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, employees: int, seed: int, **options):
        if employees < 1:
            raise CommandError("--employees must be at least 1.")
        if Department.objects.filter(name=f"生成集团{seed}", parent=None).exists():
            raise CommandError(f"An organisation with seed {seed} exists already; use another --seed.")
        started = time.perf_counter()
        result = generate_org(employees=employees, seed=seed)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            f"Generated {result['employees']} employees in {result['departments']} departments "
            f"in {elapsed:.2f} s."
        )
