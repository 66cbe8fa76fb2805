"""The plan as a document (员工绩效改进计划): a print-ready page, DOCX and PDF, in the reader's
language, through the same document machinery as the feedback record."""

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.formats import date_format, number_format
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from perfloop.documents import pdf, word
from perfloop.org.templatetags.people import person
from perfloop.plans import cadence
from perfloop.plans.models import Plan

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _day(value) -> str:
    return date_format(value, "DATE_FORMAT") if value else "—"


def figure(value) -> str:
    return number_format(value.normalize()) if value is not None else "—"


def header_rows(plan: Plan) -> list[tuple[str, str]]:
    employee = plan.employee
    if plan.is_team:
        who = [(_("Team plan of"), plan.department.name)]
    else:
        who = [
            (_("Name"), employee.name),
            (_("Employee number"), employee.employee_no),
            (_("Position"), employee.position.name if employee.position_id else "—"),
            (_("Department"), employee.department.name),
        ]
        if plan.target_position_id:
            who.append((_("Target position"), plan.target_position.name))
    period = _("Continuous development") if plan.is_development else _("Continuous improvement")
    return [
        *who,
        (_("Review period"), plan.cycle.name if plan.cycle_id else period),
        (_("Plan period"), f"{_day(plan.start_date)} – {_day(plan.end_date)}"),
        (_("Owner"), person(plan.owner)),
        (_("Status"), str(plan.get_status_display())),
    ]


def goal_lines(goal) -> list[str]:
    met = goal.letters()
    lines = [goal.description]
    if goal.metric or goal.target is not None:
        lines.append(
            _("%(metric)s: %(baseline)s → %(target)s %(unit)s")
            % {
                "metric": goal.metric or _("Metric"),
                "baseline": figure(goal.baseline),
                "target": figure(goal.target),
                "unit": goal.unit,
            }
        )
    if goal.means:
        lines.append(_("Means: %(means)s") % {"means": goal.means})
    lines.append(_("Deadline: %(day)s") % {"day": _day(goal.deadline)})
    if goal.source and goal.plan.is_development:
        lines.append(_("Builds on: %(item)s") % {"item": goal.source})
    elif goal.source:
        lines.append(_("Improvement item: %(item)s") % {"item": goal.source})
    lines.append("SMART: " + " ".join(letter if met[letter] else "·" for letter in "SMART"))
    return lines


def tables(plan: Plan) -> list[tuple[str, list[str], list[list[str]]]]:
    """Milestones, action items, support and the cadence, as (heading, columns, rows)."""
    check_ins = cadence.check_ins(plan)
    return [
        (
            _("Milestones"),
            [_("Date"), _("Milestone"), _("Expected value")],
            [[_day(m.due), m.title, figure(m.expected)] for m in plan.milestones.all()],
        ),
        (
            _("Action items"),
            [_("Action"), _("Owner"), _("Due"), _("Status")],
            [[a.text, a.owner_label, _day(a.due), str(a.get_status_display())] for a in plan.actions.all()],
        ),
        (
            _("Support from the company"),
            [_("Support"), _("Commitment"), _("Owner on the company’s side"), _("Due"), _("Status")],
            [
                [
                    str(s.get_kind_display()),
                    " · ".join(filter(None, [s.text, s.person, figure(s.amount) if s.amount else ""])),
                    s.owner_name,
                    _day(s.due),
                    str(s.get_status_display()),
                ]
                for s in plan.support.all()
            ],
        ),
        (
            _("Check-ins"),
            [_("Kind"), _("How often"), _("Minutes"), _("Check-ins in the plan")],
            [
                [
                    _("Brief check-in"),
                    str(plan.get_brief_every_display()),
                    str(plan.brief_minutes),
                    str(sum(c.kind == "brief" for c in check_ins)),
                ],
                [
                    _("Formal review"),
                    str(plan.get_formal_every_display()),
                    str(plan.formal_minutes),
                    str(sum(c.kind == "formal" for c in check_ins)),
                ],
            ],  # fmt: skip
        ),
    ]


def title(plan: Plan) -> str:
    return _("Individual Development Plan") if plan.is_development else _("Performance Improvement Plan")


def docx(plan: Plan) -> bytes:
    document = word.a4_document()
    word.add_title(document, title(plan))
    word.add_table(document, header_rows(plan))
    word.add_heading(document, _("Goals"))
    for number, goal in enumerate(plan.goals.all(), start=1):
        lines = goal_lines(goal)
        word.add_text(document, f"{number}. " + "\n".join(lines))
    for heading, columns, rows in tables(plan):
        word.add_heading(document, heading)
        word.add_grid(document, columns, rows)
    word.add_heading(document, _("Acknowledgement"))
    word.add_text(
        document,
        _("Acknowledged by the employee on %(day)s") % {"day": _day(plan.acknowledged_at)}
        if plan.acknowledged_at
        else _("Not acknowledged yet"),
    )
    return word.to_bytes(document)


def html(plan: Plan, *, for_browser: bool) -> str:
    return render_to_string(
        "plans/print.html",
        {
            "title": title(plan),
            "plan": plan,
            "rows": header_rows(plan),
            "goals": [goal_lines(goal) for goal in plan.goals.all()],
            "tables": tables(plan),
            "for_browser": for_browser,
        },
    )


def pdf_bytes(plan: Plan) -> bytes:
    return pdf.html_to_pdf(html(plan, for_browser=False), "documents/print.css", "plans/print.css")


def response(plan: Plan, kind: str) -> HttpResponse:
    """The plan as DOCX or PDF, named 改进计划 (or 个人发展计划)-<name>-<start>.<kind> (the page and the API)."""
    content = docx(plan) if kind == "docx" else pdf_bytes(plan)
    answer = HttpResponse(content, content_type=CONTENT_TYPES[kind])
    name = f"{plan.get_kind_display()}-{plan.subject}-{plan.start_date.isoformat()}.{kind}"
    answer["Content-Disposition"] = content_disposition_header(True, name)
    return answer
