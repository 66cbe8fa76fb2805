"""Give employees accounts: `manage.py invite --all` or `manage.py invite E0001 E0002`."""

from django.core.management.base import BaseCommand, CommandError

from perfloop.accounts import invitations


class Command(BaseCommand):
    help = "Make accounts for employees who cannot sign in yet and print (or e-mail) their invitation links."

    def add_arguments(self, parser):
        parser.add_argument("employee_no", nargs="*", help="Employee numbers to invite.")
        parser.add_argument("--all", action="store_true", help="Everyone active who cannot sign in yet.")
        parser.add_argument(
            "--base-url", help="The site's address for the links (default: PERFLOOP_BASE_URL)."
        )

    def handle(self, *args, employee_no, all, base_url, **options):
        if all == bool(employee_no):
            raise CommandError("Give employee numbers or --all (not both).")
        people = invitations.invitable(None)
        if not all:
            unknown = set(employee_no) - set(
                people.filter(employee_no__in=employee_no).values_list("employee_no", flat=True)
            )
            if unknown:
                raise CommandError(f"No active employee numbered {', '.join(sorted(unknown))}.")
            people = people.filter(employee_no__in=employee_no)
        sent = invitations.invite(employees=invitations.without_access(people), by=None, base_url=base_url)
        for s in sent:
            where = f"e-mailed to {s.employee.email}" if s.emailed else s.link
            self.stdout.write(
                f"{s.employee.employee_no}\t{s.employee.name}\t{s.employee.user.username}\t{where}"
            )
        self.stdout.write(f"{len(sent)} invitation(s); people who already sign in were left as they are.")
