"""The worker's task: one queued directory sync, by id."""

from django.tasks import task

from perfloop.directory import sources, sync
from perfloop.directory.models import SyncRun


@task()
def run_sync(run_id: int) -> str:
    run = SyncRun.objects.filter(pk=run_id, status=SyncRun.Status.QUEUED).first()
    if run is None:
        return "skipped"
    return sync.perform(run, sources.snapshot_of(run.source)).status
