"""Who hears what: for each event, the people it concerns (the employee, the manager who owns the
plan or holds the conversation, HR in scope) and the channels besides the inbox.

The defaults are what each app declared with its events (registry.py); an organisation replaces an
event's rule with its own (EventRule, on the *Notification rules* page). The person who acted never
hears of their own act, and a person without a login is reached by no channel.
"""

from django.utils.translation import gettext_lazy as _

from perfloop.notify.registry import CHANNELS, EMPLOYEE, EVENT_TYPES, HR, MANAGER, WHO, Rule

WHO_LABELS = {EMPLOYEE: _("Employee"), MANAGER: _("Manager"), HR: _("HR in scope")}
MAX_DAYS = 60


def defaults() -> dict[str, Rule]:
    """Every declared event's default rule, in the order the apps declared them."""
    return {name: kind.rule for name, kind in EVENT_TYPES.items()}


def rules() -> dict[str, Rule]:
    """Every event's rule in force: the organisation's own where it has one, else the default."""
    from perfloop.notify.models import EventRule

    found = defaults()
    for own in EventRule.objects.filter(event__in=found):
        found[own.event] = Rule(
            tuple(w for w in WHO if getattr(own, w)),
            tuple(c for c in CHANNELS if getattr(own, c)),
            own.days if EVENT_TYPES[own.event].rule.days is not None else None,
        )
    return found


def recipients(rule: Rule, event, hr: list[tuple[int, str]]) -> set[int]:
    """User ids the rule reaches for this event; `hr` is every (HR user, department path) assignment."""
    ids = set()
    if EMPLOYEE in rule.who and event.employee_user_id:
        ids.add(event.employee_user_id)
    if MANAGER in rule.who and event.manager_user_id:
        ids.add(event.manager_user_id)
    if HR in rule.who:
        ids.update(
            user_id
            for user_id, path in hr
            if event.department_path.startswith(path) and user_id != event.employee_user_id
        )
    ids.discard(event.by_user_id)
    return ids
