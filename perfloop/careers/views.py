"""Promotion and transfer dossiers: the list, opening one, the dossier page with the manager's
recommendation and HR's decision, its document, and the decisions communicated to the person."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access import audit
from perfloop.access.decorators import require
from perfloop.access.models import PrivateRead
from perfloop.access.policy import hr_departments
from perfloop.careers import basis, documents, dossiers, rules, selectors
from perfloop.careers.apps import DOSSIER_READ
from perfloop.careers.forms import DecideForm, OpenForm, RecommendForm
from perfloop.careers.models import Dossier
from perfloop.home import service_calls
from perfloop.org.models import Employee
from perfloop.reviews.models import ReviewCycle

FILTERS = {"open": {"decision": ""}, "decided": {"decision__gt": ""}}


def _errors_to(form, error: ValidationError) -> None:
    form.add_error(None, error.messages)


@require(rules.can_list)
def index(request):
    state = request.GET.get("state") if request.GET.get("state") in FILTERS else ""
    found = selectors.dossiers_for(request.user).filter(**FILTERS.get(state, {}))
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(request, "careers/index.html", {"page": page, "state": state})


def _employee(request, pk: int) -> Employee:
    employee = Employee.objects.select_related("department", "position").filter(pk=pk).first()
    if employee is None or not rules.can_open(request.user, employee):
        raise Http404
    return employee


@require(rules.can_list)
def new(request, employee: int):
    employee = _employee(request, employee)
    cycle = (
        ReviewCycle.objects.filter(pk=request.GET.get("cycle") or 0).first()
        if request.GET.get("cycle", "").isdigit()
        else None
    )
    departments = hr_departments(request.user)
    form = OpenForm(
        request.POST if request.method == "POST" else None,
        departments=departments,
        initial={"kind": request.GET.get("kind", "promotion")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            dossier = dossiers.open_dossier(
                by=request.user, employee=employee, cycle=cycle, **form.cleaned_data
            )
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(
                request, _("The dossier is open: the manager is asked for their recommendation.")
            )
            return redirect(dossier)
    context = {"form": form, "employee": employee, "cycle": cycle}
    return render(request, "careers/new.html", context, status=400 if form.errors else 200)


def _dossier_or_404(request, pk: int) -> Dossier:
    dossier = selectors.dossier_for(request.user, pk)
    if dossier is None:
        raise Http404
    return dossier


def _cycles(request) -> int:
    raw = request.GET.get("cycles", "")
    return min(int(raw), basis.MOST_CYCLES) if raw.isdigit() and int(raw) > 0 else basis.CYCLES


@require(rules.can_list)
def dossier_page(request, pk: int):
    dossier = _dossier_or_404(request, pk)
    departments = hr_departments(request.user)
    forms = {
        "recommend_form": RecommendForm(prefix="r") if rules.can_recommend(request.user, dossier) else None,
        "decide_form": DecideForm(prefix="d", departments=departments)
        if rules.can_decide(request.user, dossier)
        else None,
        "can_communicate": rules.can_communicate(request.user, dossier),
    }
    return _page(request, dossier, _cycles(request), forms)


def _page(request, dossier, cycles: int, forms: dict, status: int = 200):
    """The dossier shown: every showing is a private read of the person's records."""
    audit.log_reads(
        request.user, [dossier.employee_id], [DOSSIER_READ], PrivateRead.Via.PAGE, ref=f"dossier:{dossier.pk}"
    )
    found = basis.kept(dossier.employee, cycles)
    context = {
        "dossier": dossier, "cycles": cycles, "cycle_choices": range(1, basis.MOST_CYCLES + 1),
        "title": documents.title(dossier), "rows": documents.header_rows(dossier, found),
        "tables": documents.tables(dossier, found),
        "closing": documents.closing_rows(dossier), **forms,
    }  # fmt: skip
    return render(request, "careers/dossier.html", context, status=status)


def _again(request, dossier, **forms):
    """The dossier page again, with the form that was wrong and what was typed."""
    shown = {"recommend_form": None, "decide_form": None, "can_communicate": False, **forms}
    return _page(request, dossier, basis.CYCLES, shown, status=400)


@require_POST
@require(rules.can_list)
def recommend(request, pk: int):
    dossier = _dossier_or_404(request, pk)
    if not rules.recommends(request.user, dossier):
        raise PermissionDenied
    form = RecommendForm(request.POST, prefix="r")
    if form.is_valid():
        try:
            dossiers.recommend(dossier=dossier, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _("Your recommendation is recorded."))
            return redirect(dossier)
    return _again(request, dossier, recommend_form=form)


@require_POST
@require(rules.can_list)
def decide(request, pk: int):
    dossier = _dossier_or_404(request, pk)
    if not rules.decides(request.user, dossier):
        raise PermissionDenied
    form = DecideForm(request.POST, prefix="d", departments=hr_departments(request.user))
    if form.is_valid():
        try:
            decided = dossiers.decide(dossier=dossier, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to(form, error)
        else:
            messages.success(request, _waiting_words(decided) or _("The decision is recorded."))
            return redirect(dossier)
    return _again(request, dossier, decide_form=form)


def _waiting_words(dossier: Dossier) -> str:
    if not dossier.waiting:
        return ""
    return _("The decision is recorded: the new role takes effect on %(day)s.") % {
        "day": date_format(dossier.effective_date, "DATE_FORMAT")
    }


@require_POST
@require(rules.can_list)
def communicate(request, pk: int):
    dossier = _dossier_or_404(request, pk)
    if not rules.decides(request.user, dossier):
        raise PermissionDenied
    done = _("Marked as communicated: %(name)s now sees the decision.") % {"name": dossier.employee.name}
    service_calls.run(request, lambda: dossiers.communicate(dossier=dossier, by=request.user), done)
    return redirect(dossier)


@require(rules.can_list)
def document(request, pk: int):
    kind = request.GET.get("format", "pdf")
    if kind not in documents.DOCUMENTS:
        return HttpResponse(_("Ask for format=docx or format=pdf."), status=400, content_type="text/plain")
    dossier = _dossier_or_404(request, pk)
    audit.log_reads(
        request.user, [dossier.employee_id], [DOSSIER_READ], PrivateRead.Via.EXPORT, ref=f"dossier:{pk}"
    )
    return documents.response(dossier, basis.kept(dossier.employee, _cycles(request)), kind)


@require(rules.signed_in)
def mine(request):
    """The decisions communicated to the signed-in person about themself."""
    found = Paginator(selectors.communicated_to(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "careers/mine.html", {"page": found})
