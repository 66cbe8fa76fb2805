"""Who hears what: for each event, the people it concerns (the employee, the manager who owns the
plan or holds the conversation, HR in scope) and the channels besides the inbox.

These are the defaults; the person who acted never hears of their own act, and a person without a
login is reached by no channel.
"""

from dataclasses import dataclass

from perfloop.access.models import HRAssignment
from perfloop.notify.models import Channel

EMPLOYEE, MANAGER, HR = "employee", "manager", "hr"
EMAIL = (Channel.EMAIL,)


@dataclass(frozen=True)
class Rule:
    who: tuple[str, ...]
    channels: tuple[str, ...] = EMAIL


RULES = {
    "feedback.scheduled": Rule((EMPLOYEE,)),
    "feedback.rescheduled": Rule((EMPLOYEE,)),
    "feedback.cancelled": Rule((EMPLOYEE,)),
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
}


def _prefixes(path: str) -> list[str]:
    parts = [p for p in path.split("/") if p]
    return ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]


def recipients(rule: Rule, *, employee, manager_user_id, by_user_id) -> set[int]:
    """User ids the rule reaches for this person: one query for HR in scope, none otherwise."""
    ids = set()
    if EMPLOYEE in rule.who and employee.user_id:
        ids.add(employee.user_id)
    if MANAGER in rule.who and manager_user_id:
        ids.add(manager_user_id)
    if HR in rule.who:
        hr = HRAssignment.objects.filter(department__path__in=_prefixes(employee.department.path))
        ids.update(hr.exclude(user_id=employee.user_id).values_list("user_id", flat=True))
    ids.discard(by_user_id)
    return ids
