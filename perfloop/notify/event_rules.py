"""The organisation's notification rules 提醒规则: who hears each event and on which channels, and
how many days before a plan ends it is announced. Administrators and company-wide HR change them;
HR of part of the organisation read them. A rule set back to the default keeps no row, so it
follows the default from then on. Sending an event about one person to a group robot is turned on
only once the one changing the rules has read what the group will see and confirmed it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from perfloop.access.policy import is_company_wide_hr, roles_for
from perfloop.notify import audience, registry, words
from perfloop.notify.models import Channel, EventRule


def can_read(user) -> bool:
    roles = roles_for(user)
    return roles.is_admin or roles.is_hr


def can_change(user) -> bool:
    """The rules are the whole organisation's: HR of part of it read them, and do not change them."""
    return roles_for(user).is_admin or is_company_wide_hr(user)


def rows(shown: dict | None = None) -> list[dict]:
    """Every event with its rule in force (or as `shown`: a form sent back to be corrected) and
    whether it is the organisation's own."""
    own = {**audience.rules(), **(shown or {})}
    return [
        {"event": event, "rule": own[event], "default": default, "changed": own[event] != default}
        for event, default in audience.defaults().items()
    ]


def group_warning(events) -> str:
    """What a group would read once these events go to its robot, with an example of each."""
    sample = {
        "name": _("Wang Fang"), "cycle": _("2023 Q3"), "title": _("Improve sales conversion"),
        "what": _("Monthly sales report"), "due": "2023-12-01", "when": "2023-12-01T10:00:00+08:00",
    }  # fmt: skip
    examples = " ".join(f"“{words.text(event, sample)}”" for event in events)
    return _(
        "A group robot posts to everyone in the group. They would read about one person: "
        "%(events)s — for example: %(examples)s Confirm to send these to the group anyway."
    ) % {"events": _("; ").join(str(words.label(e)) for e in events), "examples": examples}


def newly_to_groups(wanted: dict[str, registry.Rule]) -> list[str]:
    """The events `wanted` sends to group robots that do not go there today."""
    now = audience.rules()
    return [
        event
        for event, rule in wanted.items()
        if event in now and Channel.CHAT in rule.channels and Channel.CHAT not in now[event].channels
    ]


@transaction.atomic
def set_rules(*, by, wanted: dict[str, registry.Rule], confirm_groups: bool = False) -> int:
    """Keep the organisation's rules (events left out keep theirs); returns how many differ from
    the defaults. An event newly sent to group robots needs `confirm_groups`."""
    if not can_change(by):
        raise PermissionDenied
    to_groups = newly_to_groups(wanted)
    if to_groups and not confirm_groups:
        raise ValidationError(group_warning(to_groups), code="group_warning")
    defaults = audience.defaults()
    for event, rule in wanted.items():
        default = defaults.get(event)
        if default is None:
            raise ValidationError(_("Unknown event: %(event)s.") % {"event": event}, code="invalid")
        if default.days is not None and not (rule.days and 1 <= rule.days <= audience.MAX_DAYS):
            raise ValidationError(
                _("Days before must be a whole number from 1 to %(most)s.") % {"most": audience.MAX_DAYS},
                code="invalid",
            )
    wanted = {event: _normal(rule, defaults[event]) for event, rule in wanted.items()}
    same = [e for e, rule in wanted.items() if rule == defaults[e]]
    EventRule.objects.filter(event__in=same).delete()
    for event, rule in wanted.items():
        if event in same:
            continue
        EventRule.objects.update_or_create(
            event=event,
            defaults={
                **{who: who in rule.who for who in registry.WHO},
                **{channel: channel in rule.channels for channel in registry.CHANNELS},
                "days": rule.days,
                "changed_by": by,
            },
        )
    return EventRule.objects.count()


def _normal(rule: registry.Rule, default: registry.Rule) -> registry.Rule:
    """The rule in the defaults' order, days only where the event has them."""
    return registry.Rule(
        tuple(w for w in registry.WHO if w in rule.who),
        tuple(c for c in registry.CHANNELS if c in rule.channels),
        rule.days if default.days is not None else None,
    )
