"""Who hears what: for each event, the people it concerns (the employee, the manager who owns the
plan or holds the conversation, HR in scope) and the channels besides the inbox.

These are the defaults; an organisation replaces an event's rule with its own (EventRule, on the
*Notification rules* page). The person who acted never hears of their own act, and a person
without a login is reached by no channel.

Every event here is about one person: their conversation, record, appeal or plan. A group robot
is read by the whole group (保证私密性，避免公开批评), so by default none of them goes to a group;
an organisation turns one on only after a warning that shows what the group would read.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from perfloop.notify.models import Channel

EMPLOYEE, MANAGER, HR = "employee", "manager", "hr"
CHANNELS = (Channel.EMAIL, Channel.CHAT)  # besides the inbox
PRIVATE = (Channel.EMAIL,)  # the channels that reach the recipient alone


@dataclass(frozen=True)
class Rule:
    who: tuple[str, ...]
    channels: tuple[str, ...] = PRIVATE
    days: int | None = None  # for an event announced ahead (a plan ending): how many days before


RULES = {
    "feedback.scheduled": Rule((EMPLOYEE,)),
    "feedback.rescheduled": Rule((EMPLOYEE,)),
    "feedback.cancelled": Rule((EMPLOYEE,)),
    # The record that follows asks for acknowledgement; an organisation may tell HR of each one held.
    "feedback.held": Rule((), channels=()),
    "feedback.acknowledgement_requested": Rule((EMPLOYEE,)),
    "feedback.acknowledged": Rule((MANAGER,)),
    "feedback.disputed": Rule((MANAGER, HR)),
    "feedback.appeal_opened": Rule((HR,)),
    "feedback.appeal_resolved": Rule((EMPLOYEE, MANAGER)),
    "plans.submitted": Rule((EMPLOYEE,)),
    "plans.commented": Rule((EMPLOYEE, MANAGER), channels=()),
    "plans.disagreed": Rule((MANAGER,)),
    "plans.acknowledged": Rule((MANAGER,)),
    "plans.adjusted": Rule((EMPLOYEE,)),
    "plans.closed": Rule((EMPLOYEE, HR)),
    # From `send_reminders`, as time passes.
    "feedback.meeting_tomorrow": Rule((EMPLOYEE, MANAGER)),
    "followup.checkin_due": Rule((EMPLOYEE, MANAGER)),
    "followup.checkin_overdue": Rule((EMPLOYEE, MANAGER)),
    "followup.milestone_passed": Rule((EMPLOYEE, MANAGER)),
    "followup.support_overdue": Rule((MANAGER, HR)),
    "plans.ending": Rule((EMPLOYEE, MANAGER), days=7),
}
WHO = (EMPLOYEE, MANAGER, HR)
WHO_LABELS = {EMPLOYEE: _("Employee"), MANAGER: _("Manager"), HR: _("HR in scope")}
MAX_DAYS = 60


def rules() -> dict[str, Rule]:
    """Every event's rule in force: the organisation's own where it has one, else the default."""
    from perfloop.notify.models import EventRule

    found = dict(RULES)
    for own in EventRule.objects.filter(event__in=RULES):
        found[own.event] = Rule(
            tuple(w for w in WHO if getattr(own, w)),
            tuple(c for c in CHANNELS if getattr(own, c)),
            own.days if RULES[own.event].days is not None else None,
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
