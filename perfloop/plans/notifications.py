"""The plan stage's notifications: its events declared to the notifications app, raised when the
plan's own events are sent (after commit)."""

import uuid

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perfloop.notify.registry import EMPLOYEE, HR, MANAGER, EventType, Rule, about, declare, send
from perfloop.plans.events import plan_event
from perfloop.plans.models import Plan

EVENTS = (
    EventType(
        "plans.drafted", gettext_lazy("Plan drafted for you by HR"),
        lambda p: _("HR drafted the plan “%(title)s” for %(name)s: finish it and send it.") % p,
        Rule((MANAGER,), channels=()),
    ),
    EventType(
        "plans.withdrawn", gettext_lazy("Plan cancelled"),
        lambda p: _("The plan “%(title)s” sent to you was cancelled; its page says why.") % p,
        Rule((EMPLOYEE,)),
    ),
    EventType(
        "plans.submitted", gettext_lazy("Plan sent to the employee"),
        lambda p: _("Your manager sent you the plan “%(title)s” to read and acknowledge.") % p,
        Rule((EMPLOYEE,)),
    ),
    EventType(
        "plans.commented", gettext_lazy("Comment on a plan"),
        lambda p: (_("A new comment on your plan “%(title)s”.") if p.get("yours")
                   else _("A new comment on the plan “%(title)s” (%(name)s).")) % p,
        Rule((EMPLOYEE, MANAGER), channels=()),
    ),
    EventType(
        "plans.disagreed", gettext_lazy("Employee disagrees with the plan"),
        lambda p: _("%(name)s disagrees with the plan “%(title)s”; it is back with you.") % p,
        Rule((MANAGER,)),
    ),
    EventType(
        "plans.acknowledged", gettext_lazy("Employee acknowledged the plan"),
        lambda p: _("%(name)s acknowledged the plan “%(title)s”: it is active.") % p,
        Rule((MANAGER,)),
    ),
    EventType(
        "plans.adjusted", gettext_lazy("Plan goals changed"),
        lambda p: _("Goals of your plan “%(title)s” changed: read and acknowledge them.") % p,
        Rule((EMPLOYEE,)),
    ),
    EventType(
        "plans.closed", gettext_lazy("Plan closed"),
        lambda p: (_("Your plan “%(title)s” is closed.") if p.get("yours")
                   else _("The plan “%(title)s” (%(name)s) is closed.")) % p, Rule((EMPLOYEE, HR)),
    ),
)  # fmt: skip


def on_plan_event(sender, *, kind, plan_id, by_user_id=None, **extra):
    plan = Plan.objects.select_related("employee__department").filter(pk=plan_id).first()
    if plan is None or plan.is_team:
        return  # a team plan's owners act on it themselves; it is nobody's personal event
    # An act happens once and its signal is sent once after commit; the key keeps a retry of the
    # same signal from notifying twice.
    event = about(
        plan.employee, event=f"plans.{kind}", key=f"plans.{kind}:{plan_id}:{uuid.uuid4().hex}",
        manager_user_id=plan.owner_id, params={"title": plan.title, "name": plan.employee.name},
        url=plan.get_absolute_url(), by_user_id=by_user_id,
    )  # fmt: skip
    send([event])


def register() -> None:
    declare(*EVENTS)
    plan_event.connect(on_plan_event, dispatch_uid="notify-plans")
