"""Raising an event: the notifications for those it concerns (once each, by key) and their
deliveries, queued for the worker once the rows are committed. Workers get ids, not objects."""

from django.conf import settings
from django.db import transaction

from perfloop.notify import audience
from perfloop.notify.models import Channel, Delivery, Mute, Notification


def raise_event(
    *, event: str, key: str, employee, manager_user_id, by_user_id, params: dict, url: str
) -> int:
    """Notify whom the event's rule names; returns how many new notifications were made."""
    rule = audience.RULES.get(event)
    if rule is None:
        return 0
    ids = audience.recipients(rule, employee=employee, manager_user_id=manager_user_id, by_user_id=by_user_id)
    if not ids:
        return 0
    with transaction.atomic():
        before = Notification.objects.filter(key=key, recipient_id__in=ids).count()
        Notification.objects.bulk_create(
            [Notification(recipient_id=i, event=event, key=key, params=params, url=url) for i in sorted(ids)],
            ignore_conflicts=True,  # raised again: nobody hears it twice
        )
        made = Notification.objects.filter(key=key, recipient_id__in=ids, deliveries__isnull=True)
        queued = _deliveries(list(made.values_list("pk", "recipient_id")), rule.channels)
        transaction.on_commit(lambda: enqueue(queued))
        return Notification.objects.filter(key=key, recipient_id__in=ids).count() - before


def _deliveries(notifications: list[tuple[int, int]], channels) -> list[int]:
    channels = [c for c in channels if channel_on(c)]
    if not notifications or not channels:
        return []
    muted = set(
        Mute.objects.filter(user_id__in=[r for _n, r in notifications], channel__in=channels).values_list(
            "user_id", "channel"
        )
    )
    rows = [
        Delivery(notification_id=n, channel=c)
        for n, r in notifications
        for c in channels
        if (r, c) not in muted
    ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return list(
        Delivery.objects.filter(
            notification_id__in=[n for n, _r in notifications], status=Delivery.Status.PENDING
        ).values_list("pk", flat=True)
    )


def channel_on(channel: str) -> bool:
    """E-mail is on when a mailer is configured (MAILERS["default"])."""
    if channel == Channel.EMAIL:
        return bool(settings.PERFLOOP_SENDS_MAIL)
    return False


def enqueue(delivery_ids) -> None:
    from perfloop.notify.tasks import deliver

    for pk in delivery_ids:
        deliver.enqueue(pk)
