"""The computed status and its reasons in the reader's language ("里程碑 2周内完成前3章 已过期2天, 最新读数 2章")."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from perfloop.plans.tracking.status import NO_DATA, OFF_TRACK, ON_TRACK, Reason, Status

LABELS = {
    ON_TRACK: gettext_lazy("On track"),
    OFF_TRACK: gettext_lazy("Off track"),
    NO_DATA: gettext_lazy("No data yet"),
}
# Why plans are off track, as a team's figures count them.
REASON_LABELS = {
    "milestone_missed": gettext_lazy("Milestone missed"),
    "milestone_unread": gettext_lazy("Milestone without a reading"),
    "check_in_overdue": gettext_lazy("Check-in overdue"),
    "support_overdue": gettext_lazy("Company support overdue"),
}
KINDS = {"brief": gettext_lazy("brief check-in"), "formal": gettext_lazy("formal review")}


def _figure(value) -> str:
    return number_format(value.normalize()) if value is not None else "—"


def _days(days: int) -> str:
    return ngettext("%(days)s day", "%(days)s days", days) % {"days": days}


def reason_text(reason: Reason) -> str:
    p = reason.params
    if reason.code == "milestone_missed":
        return _("Milestone “%(title)s” passed %(days)s ago; latest reading %(reading)s%(unit)s, expected %(expected)s%(unit)s.") % {
            "title": p["title"], "days": _days(p["days"]), "reading": _figure(p["reading"]),
            "expected": _figure(p["expected"]), "unit": p["unit"],
        }  # fmt: skip
    if reason.code == "milestone_unread":
        return _("Milestone “%(title)s” passed %(days)s ago with no reading.") % {
            "title": p["title"], "days": _days(p["days"]),
        }  # fmt: skip
    if reason.code == "check_in_overdue":
        return _("The %(kind)s is %(days)s overdue.") % {"kind": KINDS[p["kind"]], "days": _days(p["days"])}
    return _("The company’s commitment “%(text)s” is %(days)s overdue.") % {
        "text": p["text"],
        "days": _days(p["days"]),
    }


def status_reason(state: Status | None) -> str:
    if state is None:
        return ""
    return " ".join(reason_text(r) for r in state.reasons)
