from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from perfloop.api import tokens


class Command(BaseCommand):
    help = "Create an API bearer token for a user and print it (it is shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--days", type=int, default=None, help="days it works (PERFLOOP_TOKEN_DAYS: 90)")
        parser.add_argument("--label", default="", help="what it is for")

    def handle(self, *args, username: str, days: int | None, label: str, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {username!r}.")
        try:
            self.stdout.write(tokens.issue(user=user, label=label, days=days))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
