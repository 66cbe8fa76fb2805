"""Sending one delivery exactly once: the delivery is claimed (pending → sending) by a single
conditional UPDATE, so a task run twice, or by two workers, sends it once; the outcome is kept
(sent, or failed with the reason and the number of tries)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from perfloop.notify import words
from perfloop.notify.models import Channel, Delivery


class Undeliverable(Exception):
    """The recipient cannot be reached on this channel (no address); not worth trying again."""


def send(delivery_id: int) -> str:
    claimed = Delivery.objects.filter(pk=delivery_id, status=Delivery.Status.PENDING).update(
        status=Delivery.Status.SENDING, tries=F("tries") + 1
    )
    if not claimed:
        return "skipped"
    delivery = Delivery.objects.select_related("notification__recipient").get(pk=delivery_id)
    try:
        CHANNELS[delivery.channel](delivery)
    except Exception as error:  # noqa: BLE001 (any failure is kept on the delivery, never lost)
        delivery.status = Delivery.Status.FAILED
        delivery.last_error = f"{type(error).__name__}: {error}"[:2000]
    else:
        delivery.status = Delivery.Status.SENT
        delivery.sent_at = timezone.now()
        delivery.last_error = ""
    delivery.save(update_fields=["status", "last_error", "sent_at"])
    return delivery.status


def language_of(user) -> str:
    profile = getattr(user, "profile", None)
    return (profile.language if profile else "") or settings.LANGUAGE_CODE


def address_of(user) -> str:
    employee = getattr(user, "employee", None)
    return user.email or (employee.email if employee else "")


def _email(delivery: Delivery) -> None:
    notification = delivery.notification
    user = notification.recipient
    address = address_of(user)
    if not address:
        raise Undeliverable("no e-mail address")
    link = (
        f"{settings.PERFLOOP_BASE_URL}{notification.url}" if notification.url else settings.PERFLOOP_BASE_URL
    )
    with translation.override(language_of(user)):
        sentence = words.text(notification.event, notification.params)
        context = {"sentence": sentence, "link": link}
        text = render_to_string("notify/email.txt", context)
        html = render_to_string("notify/email.html", context)
        message = EmailMultiAlternatives(f"[PerfLoop] {sentence}", text, to=[address])
    message.attach_alternative(html, "text/html")
    message.send(using="default")


CHANNELS = {Channel.EMAIL: _email}
