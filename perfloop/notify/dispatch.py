"""Raising events: the notifications for those they concern (once each, by key) and their
deliveries, queued for the worker once the rows are committed. Workers get ids, not objects.

Many events at once (a reminder run over every plan) cost the same few queries as one.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from perfloop.access.models import HRAssignment
from perfloop.notify import audience
from perfloop.notify.models import Channel, ChatRobot, Delivery, Mute, Notification
from perfloop.notify.registry import HR, LISTENERS, Event
from perfloop.org.models import Employee


def raise_all(events: list[Event], rules: dict | None = None) -> int:
    """Notify whom each event's rule names; returns how many new notifications were made."""
    for listener in LISTENERS:
        listener(events)
    rules = audience.rules() if rules is None else rules
    wanted = [e for e in events if e.event in rules]
    if not wanted:
        return 0
    needs_hr = any(HR in rules[e.event].who for e in wanted)
    hr = list(HRAssignment.objects.values_list("user_id", "department__path")) if needs_hr else []
    rows, channels_of = [], {}
    for e in wanted:
        rule = rules[e.event]
        for user_id in audience.recipients(rule, e, hr):
            # The person the event is about reads it addressed to them ("your plan"), others by name.
            params = {**e.params, "yours": True} if user_id == e.employee_user_id else e.params
            rows.append(
                Notification(recipient_id=user_id, event=e.event, key=e.key, params=params, url=e.url)
            )
            channels_of[e.event] = rule.channels
    if not rows:
        return 0
    with transaction.atomic():
        started = timezone.now()
        Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
        new = Notification.objects.filter(created_at__gte=started, deliveries__isnull=True)
        made = list(new.values_list("pk", "recipient_id", "event"))
        # The recipients' departments apart: joined in, SQLite's planner may scan every employee
        # for each notification when few employees have a login.
        path_of = dict(
            Employee.objects.filter(user_id__in=new.values("recipient_id")).values_list(
                "user_id", "department__path"
            )
        )
        fresh = [(n, r, e, path_of.get(r)) for n, r, e in made]
        queued = _deliveries(fresh, channels_of, started)
        transaction.on_commit(lambda: enqueue(queued))
    return len(fresh)


def _deliveries(fresh: list[tuple], channels_of: dict, started) -> list[int]:
    """E-mail to each recipient; a message to each group robot of the recipient's department (or
    above it, or the whole organisation's), unless the recipient muted that channel."""
    robots = (
        list(ChatRobot.objects.filter(active=True).values_list("pk", "department__path"))
        if any(Channel.CHAT in channels_of.get(event, ()) for _n, _r, event, _p in fresh)
        else []
    )
    wanted = []
    for n, r, event, path in fresh:
        for channel in channels_of.get(event, ()):
            if channel == Channel.CHAT:
                wanted += [
                    (n, r, channel, pk)
                    for pk, scope in robots
                    if scope is None or (path or "").startswith(scope)
                ]
            elif channel_on(channel):
                wanted.append((n, r, channel, None))
    if not wanted:
        return []
    muted = set(Mute.objects.filter(user_id__in={w[1] for w in wanted}).values_list("user_id", "channel"))
    rows = [
        Delivery(notification_id=n, channel=c, robot_id=robot)
        for n, r, c, robot in wanted
        if (r, c) not in muted
    ]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=2000)
    return list(
        Delivery.objects.filter(created_at__gte=started, status=Delivery.Status.PENDING, tries=0).values_list(
            "pk", flat=True
        )
    )


def channel_on(channel: str) -> bool:
    """E-mail is on when a mail server is configured (PERFLOOP_EMAIL_HOST)."""
    if channel == Channel.EMAIL:
        return bool(settings.PERFLOOP_SENDS_MAIL)
    return False


def enqueue(delivery_ids) -> None:
    from perfloop.notify.tasks import deliver

    for pk in delivery_ids:
        deliver.enqueue(pk)
