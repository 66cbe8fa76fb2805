"""Sending one webhook delivery once: claimed by a conditional UPDATE (pending → sending), so a
task run twice, or by two workers, posts it once. A 2xx answer is delivered; no answer, a 408, a
429 or a 5xx is tried again later with backoff (PERFLOOP_WEBHOOK_BACKOFF seconds, doubled each
time) up to TRIES; any other answer, or an address that is not allowed, fails at once. The
answer's status and first words are kept."""

import datetime as dt
import http.client
import time

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from perfloop.webhooks import addresses, signing
from perfloop.webhooks.models import WebhookDelivery

TRIES = 5
TIMEOUT = 10
Status = WebhookDelivery.Status


def send(delivery_id: int) -> str:
    claimed = WebhookDelivery.objects.filter(pk=delivery_id, status=Status.PENDING).update(
        status=Status.SENDING, tries=F("tries") + 1, claimed_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    delivery = WebhookDelivery.objects.select_related("webhook").get(pk=delivery_id)
    again = False
    body = delivery.body.encode()
    headers = signing.headers(
        delivery.webhook.secret, int(time.time()), body, event=delivery.event, delivery_id=delivery.pk
    )
    try:
        if not delivery.webhook.active:
            raise addresses.NotAllowed("the webhook is switched off")
        status, raw = addresses.post(addresses.target(delivery.webhook.url), body, headers, TIMEOUT)
    except addresses.NotAllowed as refused:
        delivery.answer_status, delivery.answer = None, f"not sent: {refused}"
    except (OSError, http.client.HTTPException) as error:  # refused, reset, timed out, bad TLS
        delivery.answer_status, delivery.answer = None, f"no answer: {type(error).__name__}: {error}"
        again = True
    else:
        delivery.answer_status, delivery.answer = status, raw.decode(errors="replace")[:2000]
        again = status in (408, 429) or status >= 500
    delivered = delivery.answer_status is not None and 200 <= delivery.answer_status < 300
    again = again and delivery.tries < TRIES and _can_wait()
    delivery.status = Status.SENT if delivered else Status.PENDING if again else Status.FAILED
    delivery.sent_at = timezone.now() if delivered else None
    delivery.save(update_fields=["status", "answer_status", "answer", "sent_at"])
    if again:
        from perfloop.webhooks.tasks import deliver

        wait = settings.PERFLOOP_WEBHOOK_BACKOFF * 2 ** (delivery.tries - 1)
        deliver.using(run_after=timezone.now() + dt.timedelta(seconds=wait)).enqueue(delivery.pk)
    return delivery.status


def _can_wait() -> bool:
    from perfloop.webhooks.tasks import deliver

    return deliver.get_backend().supports_defer


def recover(stale_seconds: int | None = None) -> int:
    """Deliveries a worker died on or whose task was lost (`pending` for longer than the longest
    backoff) go back to the queue, as notify's do. Run by `send_reminders`."""
    from perfloop.notify.sending import waiting_again
    from perfloop.webhooks.services import _enqueue

    waiting = waiting_again(WebhookDelivery, stale_seconds, limit=10000)
    _enqueue(waiting)
    return len(waiting)
