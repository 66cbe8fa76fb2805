"""The preparation pack's suggestions: talking points in fact + impact form, and the record's first draft.

Built from the review result's analysis (strengths first, then improvement items, each with its
figures) and the evidence records 事例 of the cycle, in the language of the one preparing.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perfloop.reviews.analysis import analyse
from perfloop.reviews.models import EvidenceRecord

# What the guide asks to have on the table (part 二(一) 准备沟通材料).
MATERIALS = {
    "data_sheet": gettext_lazy("Review data sheet"),
    "plan_template": gettext_lazy("Improvement plan template"),
    "policies": gettext_lazy("Relevant policies"),
}


def evidence_sentence(evidence: EvidenceRecord) -> str:
    """ "9月20日 产品知识测试得分65分，未达80分的岗位要求": the date, what happened, then its effect."""
    when = date_format(evidence.date, "MONTH_DAY_FORMAT")
    what = evidence.what.strip().rstrip("。.")
    if evidence.impact:
        return _("%(date)s %(what)s; impact: %(impact)s") % {
            "date": when,
            "what": what,
            "impact": evidence.impact.strip(),
        }
    return f"{when} {what}"


def evidence_of(result):
    """The cycle's evidence records about the person, oldest first."""
    return EvidenceRecord.objects.filter(cycle_id=result.cycle_id, employee_id=result.employee_id).order_by(
        "date", "pk"
    )


def suggestions(result) -> dict:
    """Talking points and the record's first draft for one result (texts the manager then edits)."""
    strengths, improvements = analyse(result.breakdown, result.employee.department.name)
    evidence = list(evidence_of(result))
    good = [evidence_sentence(e) for e in evidence if e.kind == EvidenceRecord.Kind.POSITIVE]
    bad = [evidence_sentence(e) for e in evidence if e.kind != EvidenceRecord.Kind.POSITIVE]
    lines = [_("Strengths:")]
    lines += [f"- {s['sentence']}" for s in strengths] + [f"- {s}" for s in good]
    lines += ["", _("Improvement items:")]
    lines += [f"- {s['sentence']}" for s in improvements] + [f"- {s}" for s in bad]
    lines += ["", _("Questions:"), "- " + _("How do you see these results? What got in your way?")]
    opening = _(
        "%(name)s, thank you for your work over %(cycle)s. Today I would like to talk with you about "
        "your recent results and see together what could go even better."
    ) % {"name": result.employee.name, "cycle": result.cycle.name}
    return {
        "talking_points": "\n".join(lines),
        "opening": opening,
        "strengths": "\n".join(s["sentence"] for s in strengths),
        "improvements": "\n".join(s["sentence"] for s in improvements),
    }
