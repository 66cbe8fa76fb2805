import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from perfloop.reviews.models import ReviewCycle
from perfloop.reviews.services import score_cycle


class Command(BaseCommand):
    help = "Compute every result of a review cycle."

    def add_arguments(self, parser):
        parser.add_argument("--cycle", required=True)

    def handle(self, *args, cycle: str, **options):
        found = ReviewCycle.objects.filter(name=cycle).first()
        if found is None:
            raise CommandError(f"No review cycle named {cycle!r}.")
        started = time.perf_counter()
        try:
            count = score_cycle(cycle=found)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(f"{count} results computed in {time.perf_counter() - started:.2f} s.")
