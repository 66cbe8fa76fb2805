"""Sending one delivery exactly once: the delivery is claimed (pending → sending) by a single
conditional UPDATE, so a task run twice, or by two workers, sends it once; the outcome is kept
(sent, or failed with the reason and the number of tries)."""

import datetime as dt
import time

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from perfloop.notify import chat, pace, registry, robots, words
from perfloop.notify.models import Channel, Delivery


class Undeliverable(Exception):
    """The recipient cannot be reached on this channel (no address); not worth trying again."""


def send(delivery_id: int, slot: float | None = None) -> str:
    claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.SENDING, tries=F("tries") + 1, claimed_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    delivery = Delivery.objects.select_related("notification__recipient", "robot").get(pk=delivery_id)
    try:
        if delivery.channel == Channel.CHAT:
            _chat(delivery, slot)
        else:
            CHANNELS[delivery.channel](delivery)
    except Later as later:
        return _defer(delivery, later.slot)
    except Exception as error:  # noqa: BLE001 (any failure is kept on the delivery, never lost)
        delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
        later = _try_again(delivery, error)
        delivery.status = Delivery.Status.PENDING if later else Delivery.Status.FAILED
    else:
        later = False
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
    delivery.save(update_fields=["status", "last_error", "sent_at"])
    if later:
        from perfloop.notify.tasks import deliver

        wait = settings.PERFLOOP_DELIVERY_BACKOFF * 2 ** (delivery.tries - 1)
        deliver.using(run_after=timezone.now() + dt.timedelta(seconds=wait)).enqueue(delivery.pk)
    return delivery.status


def _try_again(delivery: Delivery, error: Exception) -> bool:
    """An e-mail that failed for a passing reason (the server busy or away) is tried again later,
    up to MAX_TRIES; a refusal by a chat service was already tried again by its adapter, and a
    recipient without an address will not get one by waiting."""
    from perfloop.notify.tasks import deliver

    return (
        delivery.channel == Channel.EMAIL
        and not isinstance(error, Undeliverable)
        and delivery.tries < MAX_TRIES
        and deliver.get_backend().supports_defer
    )


MAX_TRIES = 3


def waiting_again(model, stale_seconds: int | None = None, limit: int | None = None) -> list[int]:
    """Of a delivery model (notify's, the webhooks'): those a worker stopped on (killed while
    sending: still `sending` long after every timeout) set back to `pending`, and the ids of those
    `pending` for as long without a live claim (their task was lost), to queue again; the claim
    keeps any of them from being sent twice by workers still alive."""
    stale = stale_seconds if stale_seconds is not None else settings.PERFLOOP_DELIVERY_STALE_SECONDS
    before = timezone.now() - dt.timedelta(seconds=stale)
    model.objects.filter(status=model.Status.SENDING, claimed_at__lt=before).update(
        status=model.Status.PENDING
    )
    waiting = (
        model.objects.filter(status=model.Status.PENDING, created_at__lt=before)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=before))
        .values_list("pk", flat=True)
    )
    return list(waiting[:limit] if limit else waiting)


def recover(stale_seconds: int | None = None) -> int:
    """Deliveries a worker stopped on or whose task was lost go back to the queue, and those of
    the apps that registered a recovery (webhooks). Run with the reminders."""
    from perfloop.notify.dispatch import enqueue
    from perfloop.notify.registry import RECOVERIES

    waiting = waiting_again(Delivery, stale_seconds)
    enqueue(waiting)
    return len(waiting) + sum(other(stale_seconds) for other in RECOVERIES)


def language_of(user) -> str:
    profile = getattr(user, "profile", None)
    return (profile.language if profile else "") or settings.LANGUAGE_CODE


def address_of(user) -> str:
    employee = getattr(user, "employee", None)
    return user.email or (employee.email if employee else "")


def link_of(notification) -> str:
    """The page the notification is about, on the site's address (PERFLOOP_BASE_URL)."""
    return f"{settings.PERFLOOP_BASE_URL}{notification.url}" if notification.url else ""


def _email(delivery: Delivery) -> None:
    notification = delivery.notification
    user = notification.recipient
    address = address_of(user)
    if not address:
        raise Undeliverable("no e-mail address")
    link = link_of(notification) or settings.PERFLOOP_BASE_URL  # an e-mail always leads to the site
    with translation.override(language_of(user)):
        sentence = words.text(notification.event, notification.params)
        context = {"sentence": sentence, "link": link}
        text = render_to_string("notify/email.txt", context)
        html = render_to_string("notify/email.html", context)
        message = EmailMultiAlternatives(f"[PerfLoop] {sentence}", text, to=[address])
        declared = registry.EVENT_TYPES[notification.event].attachment
        attachment = declared(notification.params) if declared else None
    message.attach_alternative(html, "text/html")
    if attachment is not None:
        message.attach(*attachment)
    message.send(using="default")


class Refused(Exception):
    """The chat service refused the message (its own error code), after the tries it allows."""


class Later(Exception):  # noqa: N818 (not an error: the robot's next slot is a while away)
    def __init__(self, slot: float):
        self.slot = slot


WAIT_IN_TASK = 5  # seconds a worker may wait for a robot's slot; longer, the delivery is deferred


def _defer(delivery: Delivery, slot: float) -> str:
    """Back to the queue until its slot (taken, kept for it), so that the worker goes on with the
    other deliveries rather than sleeping for a robot over its rate."""
    from perfloop.notify.tasks import deliver

    at = dt.datetime.fromtimestamp(slot, tz=dt.UTC)
    # Not a try; `claimed_at` says when it is due, so that `recover` leaves it to its task till then.
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.PENDING, tries=F("tries") - 1, claimed_at=at
    )
    deliver.using(run_after=at).enqueue(delivery.pk, slot)
    return "deferred"


def _chat(delivery: Delivery, slot: float | None = None) -> None:
    """The notification to the group, in the organisation's language, mentioning the person by mobile.
    Its slot under the robot's rate is taken first; a slot far off defers the delivery to it."""
    from perfloop.notify.tasks import deliver

    robot, notification = delivery.robot, delivery.notification
    link = link_of(notification)
    employee = getattr(notification.recipient, "employee", None)
    mobile = getattr(employee, "mobile", "") if employee else ""
    with translation.override(settings.LANGUAGE_CODE):
        sentence = words.text(notification.event, notification.params)
        name = employee.name if employee else notification.recipient.get_username()
        message = robots.Message(
            title=f"PerfLoop · {name}", text=sentence, link=link, mobiles=(mobile,) if mobile else ()
        )
    if not chat.may_post(robot.kind, robot.webhook):  # set up before the deployment narrowed the hosts
        raise Refused("the webhook's host is not allowed for robots (PERFLOOP_ROBOT_HOSTS)")
    if slot is None:
        slot = pace.take(robot.webhook, robots.ROBOTS[robot.kind].per_minute)
        if slot - time.time() > WAIT_IN_TASK and deliver.get_backend().supports_defer:
            raise Later(slot)
    time.sleep(max(0.0, slot - time.time()))
    answer = robots.post(robot.kind, robot.webhook, robot.secret, message, slot_taken=True)
    if not answer.ok:
        raise Refused(f"HTTP {answer.status}, code {answer.code}: {answer.message} ({answer.tries} tries)")


CHANNELS = {Channel.EMAIL: _email, Channel.CHAT: _chat}
