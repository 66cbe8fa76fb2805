"""A dossier's notifications: the manager is asked for their recommendation when HR opens one, and
the person hears the decision once HR has communicated it — its outcome and date, never the
reason (the committee's deliberation) — by e-mail and in the inbox, never in a group."""

from django.dispatch import receiver
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perfloop.careers import events
from perfloop.careers.models import Dossier
from perfloop.notify.registry import EMPLOYEE, HR, MANAGER, EventType, Rule, about, declare, send
from perfloop.org.selectors import nearest_managers_with_login


def _words(p: dict) -> dict:
    """The kind and decision in the reader's language (the params keep their codes)."""
    kinds, decisions = dict(Dossier.Kind.choices), dict(Dossier.Decision.choices)
    return {**p, "kind": str(kinds.get(p["kind"], p["kind"])).lower(),
            "decision": str(decisions.get(p.get("decision"), p.get("decision", "")))}  # fmt: skip


EVENTS = (
    EventType(
        "careers.recommendation_asked", gettext_lazy("Recommendation asked for a promotion or transfer"),
        lambda p: _("HR opened a %(kind)s dossier for %(name)s: give your recommendation.") % _words(p), Rule((MANAGER,)),
    ),
    EventType(
        "careers.decision", gettext_lazy("Promotion or transfer decision"),
        lambda p: _("The decision on your %(kind)s: %(decision)s.") % _words(p), Rule((EMPLOYEE,)),
    ),
    EventType(
        "careers.not_applied", gettext_lazy("An approved promotion or transfer could not take effect"),
        lambda p: _("The approved %(kind)s of %(name)s could not take effect on its date: %(reason)s") % _words(p),
        Rule((HR,)),
    ),
)  # fmt: skip


def register() -> None:
    declare(*EVENTS)


@receiver(events.dossier_event, dispatch_uid="careers.notify")
def on_dossier_event(sender, *, kind, dossier_id, reason="", **kwargs):
    dossier = Dossier.objects.select_related("employee__department").filter(pk=dossier_id).first()
    if dossier is None:
        return
    person = dossier.employee
    # The nearest manager up the line with an account (a team lead may have none; the head above recommends too).
    manager_user_id = nearest_managers_with_login([person]).get(person.pk) if kind == events.OPENED else None
    if kind == events.OPENED and manager_user_id is not None:
        send([about(
            person, event="careers.recommendation_asked", key=f"careers.opened:{dossier.pk}",
            manager_user_id=manager_user_id, params={"kind": dossier.kind, "name": person.name},
            url=reverse("careers:dossier", args=[dossier.pk]), by_user_id=dossier.opened_by_id,
        )])  # fmt: skip
    elif kind == events.NOT_APPLIED:
        send([about(
            # Told once per decision: decided again and refused again, HR hears again.
            person, event="careers.not_applied", key=f"careers.not_applied:{dossier.pk}:{dossier.decided_at.isoformat()}",
            manager_user_id=None,
            params={"kind": dossier.kind, "name": person.name, "reason": reason},
            url=reverse("careers:dossier", args=[dossier.pk]),
        )])  # fmt: skip
    elif kind == events.COMMUNICATED:
        send([about(
            # A waiting approval decided again is told again: the key names the decision's moment.
            person, event="careers.decision", key=f"careers.decision:{dossier.pk}:{dossier.decided_at.isoformat()}",
            manager_user_id=None,
            params={"kind": dossier.kind, "decision": dossier.decision}, url=reverse("careers:mine"),
        )])  # fmt: skip
