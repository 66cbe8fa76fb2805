"""A person's notification settings: the channels on for the organisation, and those they muted
(the inbox cannot be muted)."""

from django.db import transaction

from perfloop.notify.dispatch import channel_on
from perfloop.notify.models import Channel, ChatRobot, Mute


def channels_for(user) -> list[dict]:
    muted = set(Mute.objects.filter(user=user).values_list("channel", flat=True))
    on = {
        Channel.EMAIL: channel_on(Channel.EMAIL),
        Channel.CHAT: ChatRobot.objects.filter(active=True).exists(),
    }
    return [{"value": c.value, "label": c.label, "on": on[c], "muted": c.value in muted} for c in Channel]


@transaction.atomic
def set_muted(*, user, channels: set[str]) -> None:
    Mute.objects.filter(user=user).exclude(channel__in=channels).delete()
    Mute.objects.bulk_create([Mute(user=user, channel=c) for c in channels], ignore_conflicts=True)
