"""What each event says, written in the reader's language when it is read or sent."""

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

TEXTS = {
    "feedback.scheduled": lambda p: _("Your feedback conversation is scheduled: %(when)s.") % p,
    "feedback.rescheduled": lambda p: _("Your feedback conversation has moved to %(when)s.") % p,
    "feedback.cancelled": lambda p: _("Your feedback conversation (%(cycle)s) is cancelled.") % p,
    "feedback.held": lambda p: _("The feedback conversation with %(name)s (%(cycle)s) was held.") % p,
    "feedback.acknowledgement_requested": lambda p: (
        _("Your feedback record (%(cycle)s) is ready: read it and acknowledge it.") % p
    ),
    "feedback.acknowledged": lambda p: _("%(name)s acknowledged their feedback record (%(cycle)s).") % p,
    "feedback.disputed": lambda p: _("%(name)s disputes their feedback record (%(cycle)s).") % p,
    "feedback.appeal_opened": lambda p: (
        _("%(name)s opened an appeal on their feedback record (%(cycle)s).") % p
    ),
    "feedback.appeal_resolved": lambda p: (
        _("The appeal on %(name)s’s feedback record (%(cycle)s) is resolved.") % p
    ),
    "plans.submitted": lambda p: (
        _("Your manager sent you the improvement plan “%(title)s” to read and acknowledge.") % p
    ),
    "plans.commented": lambda p: _("A new comment on the improvement plan “%(title)s” (%(name)s).") % p,
    "plans.disagreed": lambda p: (
        _("%(name)s disagrees with the improvement plan “%(title)s”; it is back with you.") % p
    ),
    "plans.acknowledged": lambda p: (
        _("%(name)s acknowledged the improvement plan “%(title)s”: it is active.") % p
    ),
    "plans.adjusted": lambda p: (
        _("Goals of your improvement plan “%(title)s” changed: read and acknowledge them.") % p
    ),
    "plans.closed": lambda p: _("The improvement plan “%(title)s” (%(name)s) is closed.") % p,
    "feedback.meeting_tomorrow": lambda p: (
        _("Tomorrow: the feedback conversation with %(name)s, %(when)s.") % p
    ),
    "followup.checkin_due": lambda p: _("A check-in on “%(title)s” (%(name)s) is due on %(due)s.") % p,
    "followup.checkin_overdue": lambda p: (
        _("A check-in on “%(title)s” (%(name)s) was due on %(due)s and is overdue.") % p
    ),
    "followup.milestone_passed": lambda p: (
        _("The milestone “%(what)s” of “%(title)s” (%(name)s) passed on %(due)s, not reached.") % p
    ),
    "followup.support_overdue": lambda p: (
        _("The company’s commitment “%(what)s” to %(name)s was due on %(due)s and is still open.") % p
    ),
    "plans.ending": lambda p: (
        _("The improvement plan “%(title)s” (%(name)s) ends on %(due)s: time to close it.") % p
    ),
}

# What each event is, for the page where the organisation sets its rules.
LABELS = {
    "feedback.scheduled": gettext_lazy("Feedback conversation scheduled"),
    "feedback.rescheduled": gettext_lazy("Feedback conversation moved"),
    "feedback.cancelled": gettext_lazy("Feedback conversation cancelled"),
    "feedback.held": gettext_lazy("Feedback conversation held"),
    "feedback.acknowledgement_requested": gettext_lazy("Feedback record to acknowledge"),
    "feedback.acknowledged": gettext_lazy("Feedback record acknowledged"),
    "feedback.disputed": gettext_lazy("Feedback record disputed"),
    "feedback.appeal_opened": gettext_lazy("Appeal opened"),
    "feedback.appeal_resolved": gettext_lazy("Appeal resolved"),
    "feedback.meeting_tomorrow": gettext_lazy("Feedback conversation tomorrow"),
    "plans.submitted": gettext_lazy("Improvement plan sent to the employee"),
    "plans.commented": gettext_lazy("Comment on an improvement plan"),
    "plans.disagreed": gettext_lazy("Employee disagrees with the plan"),
    "plans.acknowledged": gettext_lazy("Employee acknowledged the plan"),
    "plans.adjusted": gettext_lazy("Plan goals changed"),
    "plans.ending": gettext_lazy("Plan ending soon"),
    "plans.closed": gettext_lazy("Plan closed"),
    "followup.checkin_due": gettext_lazy("Check-in due"),
    "followup.checkin_overdue": gettext_lazy("Check-in overdue"),
    "followup.milestone_passed": gettext_lazy("Milestone passed, not reached"),
    "followup.support_overdue": gettext_lazy("Company commitment late"),
}


def text(event: str, params: dict, language: str | None = None) -> str:
    """The sentence for an event, in `language` (or the active one)."""
    if language:
        with translation.override(language):
            return TEXTS[event](_shown(params))
    return TEXTS[event](_shown(params))


def _shown(params: dict) -> dict:
    from django.utils import dateparse, formats

    shown = dict(params)
    if shown.get("due"):
        day = dateparse.parse_date(shown["due"])
        if day is not None:
            shown["due"] = formats.date_format(day, "DATE_FORMAT")
    if "when" in shown and shown["when"]:
        from django.utils import timezone

        moment = dateparse.parse_datetime(shown["when"])
        if moment is not None:
            shown["when"] = formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    return shown
