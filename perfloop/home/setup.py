"""The setup checklist: a new company's steps to its first review cycle, each a link for whoever
takes it, ticked as the data shows it done. Once every step is done the company is set up for
good; the process stops asking (no query on later home pages)."""

from django.urls import reverse

from perfloop.access.policy import roles_for
from perfloop.home.registry import STEPS

_COMPLETE = False


def _rows(user) -> list[dict]:
    steps = sorted(STEPS.values(), key=lambda s: (s.order, s.key))
    return [
        {
            "key": step.key,
            "label": step.label,
            "done": step.done(),
            "url": reverse(step.url_name) if step.may(user) else "",
            "who": step.who,
        }
        for step in steps
    ]


def shown_to(user) -> bool:
    """For administrators and HR, while a step is left (its rows kept for `checklist`)."""
    global _COMPLETE
    roles = roles_for(user)
    if _COMPLETE or not (roles.is_admin or roles.is_hr):
        return False
    user._perfloop_setup = rows = _rows(user)
    _COMPLETE = all(row["done"] for row in rows)
    return not _COMPLETE


def checklist(user) -> dict:
    rows = getattr(user, "_perfloop_setup", None) or _rows(user)
    following = next((row for row in rows if not row["done"]), None)
    return {"steps": rows, "next": following, "done": sum(row["done"] for row in rows)}
