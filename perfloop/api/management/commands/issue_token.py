from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from perfloop.api.models import ApiToken


class Command(BaseCommand):
    help = "Create an API bearer token for a user and print it (it is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        self.stdout.write(ApiToken.issue(user))
