"""The employee's submitted self-assessment as the preparation pack and the guided meeting show it
under "the employee's view": achievements with their evidence, difficulties met, requests 诉求."""

import datetime as dt

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from perfloop.feedback.models import FeedbackRequest
from perfloop.reviews.models import Relation
from perfloop.rounds.models import ReviewForm


def self_assessment(record) -> list[dict]:
    form = (
        ReviewForm.objects.filter(
            round__cycle_id=record.cycle_id,
            employee_id=record.employee_id,
            relation=Relation.SELF,
            status=ReviewForm.Status.SUBMITTED,
        )  # fmt: skip
        .only("achievements", "difficulties", "requests", "overall")
        .order_by("-pk")
        .first()
    )
    if form is None:
        return []
    kinds = dict(FeedbackRequest.Kind.choices)
    items = []
    for a in form.achievements:
        when = date_format(dt.date.fromisoformat(a["date"]), "SHORT_DATE_FORMAT")
        text = f"{when} {a['what']}" + (f" — {a['impact']}" if a.get("impact") else "")
        items.append((_("Achievement"), text))
    if form.difficulties:
        items.append((_("Difficulties met"), form.difficulties))
    items += [(str(kinds.get(r["kind"], r["kind"])), r["text"]) for r in form.requests]
    if form.overall:
        items.append((_("Overall comment"), form.overall))
    return [{"title": _("The employee’s view: their self-assessment"), "items": items}] if items else []
