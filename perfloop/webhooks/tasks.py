"""The worker's task: one webhook delivery, by id."""

from django.tasks import task

from perfloop.webhooks import sending


@task()
def deliver(delivery_id: int) -> str:
    return sending.send(delivery_id)
