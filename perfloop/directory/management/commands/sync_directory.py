"""Sync the organisation with the configured directories. From a timer every few minutes with
--if-due (queues a sync for the task worker when the last scheduled one is older than
PERFLOOP_DIRECTORY_SYNC_MINUTES); by hand, now and in this process, applied or --preview."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from perfloop.directory import services, sources, sync


class Command(BaseCommand):
    help = "Sync departments and people with the company directory (LDAP / Active Directory, DingTalk, WeCom, Feishu)."

    def add_arguments(self, parser):
        parser.add_argument("--if-due", action="store_true", help="queue the scheduled syncs that are due")
        parser.add_argument("--preview", action="store_true", help="say what would change; change nothing")

    def handle(self, *args, if_due=False, preview=False, **options):
        if if_due:
            queued = services.queue_due()
            self.stdout.write(f"{len(queued)} syncs queued")
            return
        for source in sources.configured():
            try:
                run = sync.run(source, sources.snapshot_of(source), apply=not preview)
            except ValidationError as refused:
                self.stderr.write(f"{source}: {' '.join(refused.messages)}")
                continue
            self.stdout.write(f"{source}: {run.status} in {run.seconds:.1f} s {run.counts}")
            for line, message in run.errors[:50]:
                self.stdout.write(f"  {line}: {message}")
