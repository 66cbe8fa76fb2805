"""The worker's task: one delivery, by id (`manage.py db_worker` runs it; tests run it in-process)."""

from django.tasks import task

from perfloop.notify import sending


@task()
def deliver(delivery_id: int, slot: float | None = None) -> str:
    """`slot`: a group robot's slot already taken for this delivery (epoch seconds)."""
    return sending.send(delivery_id, slot=slot)
