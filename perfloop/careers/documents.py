"""The dossier as a document (晋升/调岗依据): DOCX and PDF in the reader's language, from the same
basis as the page, through the shared document machinery."""

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from perfloop.careers.basis import Basis
from perfloop.careers.models import Dossier
from perfloop.documents import pdf, word
from perfloop.documents.downloads import download
from perfloop.org.templatetags.people import person
from perfloop.plans.documents import figure

DOCUMENTS = ("docx", "pdf")


def _day(value) -> str:
    return date_format(value, "DATE_FORMAT") if value else "—"


def title(dossier: Dossier) -> str:
    return _("Promotion dossier") if dossier.kind == Dossier.Kind.PROMOTION else _("Transfer dossier")


def header_rows(dossier: Dossier, basis: Basis) -> list[tuple[str, str]]:
    e = dossier.employee
    trend = basis.trend
    return [
        (_("Name"), e.name),
        (_("Employee number"), e.employee_no),
        (_("Position"), e.position.name if e.position_id else "—"),
        (_("Department"), e.department.name),
        (_("New position"), dossier.position.name if dossier.position_id else _("Unchanged")),
        (_("New department"), dossier.department.name if dossier.department_id else _("Unchanged")),
        (_("Trend over the cycles shown"), "—" if trend is None else f"{trend:+.1f}"),
        (_("Opened"), _day(dossier.opened_at)),
    ]


def tables(dossier: Dossier, basis: Basis) -> list[tuple[str, list[str], list[list[str]]]]:
    """Each section of the basis as (heading, columns, rows) — the page shows the same."""
    results = [
        [c.result.cycle.name, figure(c.result.composite), c.result.get_band_display() or "—",
         " ".join(s["sentence"] for s in c.strengths) or "—", " ".join(i["sentence"] for i in c.items) or "—"]
        for c in basis.cycles
    ]  # fmt: skip
    calibrations = [
        [c.result.cycle.name, f"{cal.get_from_band_display() or '—'} → {cal.get_to_band_display()}", cal.reason,
         person(cal.by)]
        for c in basis.cycles for cal in c.calibrations
    ]  # fmt: skip
    plans = [
        [p.title, p.get_kind_display(), f"{_day(p.start_date)} – {_day(p.end_date)}", p.get_status_display(),
         _outcome(p)]
        for p in basis.plans
    ]  # fmt: skip
    evidence = [
        [_day(r.date), r.get_kind_display() + (f" · {_('self-reported')}" if r.self_reported else ""),
         r.indicator.name if r.indicator_id else "—", r.what, r.impact or "—"]
        for r in basis.evidence
    ]  # fmt: skip
    lessons = [[x.title, x.done, _day(x.created_at)] for x in basis.lessons]
    steps = [
        [s.position, n.indicator, figure(n.level), figure(n.score), _met(n)]
        for s in basis.steps
        for n in s.needs
    ]
    return [
        (_("Results"), [_("Review cycle"), _("Score"), _("Band"), _("Strengths"), _("Improvement items")], results),
        (_("Calibrations"), [_("Review cycle"), _("Band"), _("Reason"), _("By")], calibrations),
        (_("Plans and their outcomes"), [_("Plan"), _("Kind"), _("Period"), _("Status"), _("Outcome")], plans),
        (_("Evidence records"), [_("Date"), _("Kind"), _("Indicator"), _("What happened"), _("Impact")], evidence),
        (_("Lessons written"), [_("Title"), _("What was done"), _("Written at")], lessons),
        (_("Against the next step"), [_("Next position"), _("Requirement"), _("Level"), _("Latest score"), _("Met")],
         steps),
    ]  # fmt: skip


def _outcome(plan) -> str:
    closure = getattr(plan, "closure", None)
    if closure is None:
        return "—"
    words = closure.get_result_display()
    return f"{words} · {closure.get_outcome_display()}" if closure.outcome else words


def _met(need) -> str:
    if need.met is None:
        return _("Not scored")
    return _("Met") if need.met else _("Short by %(gap)s") % {"gap": figure(need.short_by)}


def _people(dossier: Dossier) -> dict[int, str]:
    """Who recommended and who decided, by name: one query, and only once either happened."""
    ids = {pk for pk in (dossier.recommended_by_id, dossier.decided_by_id) if pk}
    found = get_user_model().objects.filter(pk__in=ids).select_related("employee") if ids else []
    return {user.pk: person(user) for user in found}


def recommendation_rows(dossier: Dossier, names: dict[int, str]) -> list[tuple[str, str]]:
    if not dossier.recommendation:
        return [(_("Manager's recommendation"), _("Not given yet"))]
    return [
        (_("Manager's recommendation"), dossier.get_recommendation_display()),
        (_("Why"), dossier.recommendation_text),
        (_("By"), f"{names.get(dossier.recommended_by_id, '')} · {_day(dossier.recommended_at)}"),
    ]


def decision_rows(dossier: Dossier, names: dict[int, str]) -> list[tuple[str, str]]:
    if not dossier.decided:
        return [(_("Decision"), _("Not decided yet"))]
    return [
        (_("Decision"), dossier.get_decision_display()),
        (_("Reason"), dossier.reason),
        (_("Effective date"), _day(dossier.effective_date)),
        *_taken_effect(dossier),
        (_("Decided by"), f"{names.get(dossier.decided_by_id, '')} · {_day(dossier.decided_at)}"),
    ]


def _taken_effect(dossier: Dossier) -> list[tuple[str, str]]:
    if dossier.decision != Dossier.Decision.APPROVED:
        return []
    if dossier.applied_at is None:
        return [(_("Took effect"), _("Not yet: on its effective date"))]
    return [(_("Took effect"), _day(timezone.localtime(dossier.applied_at)))]


def closing_rows(dossier: Dossier) -> list[tuple[str, str]]:
    """The manager's recommendation and HR's decision, as rows."""
    names = _people(dossier)
    return recommendation_rows(dossier, names) + decision_rows(dossier, names)


def docx(dossier: Dossier, basis: Basis) -> bytes:
    document = word.a4_document()
    word.add_title(document, title(dossier))
    word.add_table(document, header_rows(dossier, basis))
    for heading, columns, rows in tables(dossier, basis):
        word.add_heading(document, heading)
        word.add_grid(document, columns, rows)
    word.add_heading(document, _("Recommendation and decision"))
    word.add_table(document, closing_rows(dossier))
    return word.to_bytes(document)


def html(dossier: Dossier, basis: Basis) -> str:
    return render_to_string("careers/print.html", {
        "title": title(dossier), "dossier": dossier, "rows": header_rows(dossier, basis),
        "tables": tables(dossier, basis), "closing": closing_rows(dossier),
    })  # fmt: skip


def response(dossier: Dossier, basis: Basis, kind: str):
    content = (
        docx(dossier, basis)
        if kind == "docx"
        else pdf.html_to_pdf(html(dossier, basis), "documents/print.css")
    )
    return download(
        content,
        kind,
        f"{title(dossier)}-{dossier.employee.name}-{dossier.opened_at.date().isoformat()}.{kind}",
    )
