from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from perfloop.access import audit, hr_scopes, policy
from perfloop.access.decorators import require
from perfloop.imports import rules as import_rules
from perfloop.imports.registry import KINDS, upload_forms
from perfloop.org.models import Position
from perfloop.org.selectors import department_choices, department_options
from perfloop.reviews import charts, exporting, rules, selectors, services, totals
from perfloop.reviews.forms import (
    ActualsForm,
    CalibrationForm,
    CycleForm,
    CycleSettingsForm,
    EvidenceForm,
    IndicatorRowForm,
    IndicatorRows,
    RootCauseForm,
    TeamFilterForm,
    TemplatePageForm,
)
from perfloop.reviews.importing import templates as template_import
from perfloop.reviews.imports import CYCLE
from perfloop.reviews.models import EvidenceRecord, Indicator, KpiActual, Result, ReviewCycle, Template

TEAM_PAGE_SIZE = 50


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@require(rules.can_view_cycles)
def cycle_list(request):
    form = None
    if rules.can_manage_cycles(request.user):
        form = CycleForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                cycle = services.create_cycle(**form.cleaned_data, by=request.user)
            except ValidationError as error:
                messages.error(request, _error_text(error))
            else:
                messages.success(request, _("Review cycle “%(name)s” created.") % {"name": cycle.name})
                return redirect("reviews:cycle_detail", pk=cycle.pk)
    elif request.method == "POST":
        raise PermissionDenied
    mine = {r.cycle_id: r for r in selectors.my_results(request.user)}
    cycles = [(c, mine.get(c.pk)) for c in rules.cycles_for(request.user)]
    return render(request, "reviews/cycle_list.html", {"cycles": cycles, "form": form})


@require(rules.can_manage_cycles)
def cycle_detail(request, pk: int):
    cycle = get_object_or_404(ReviewCycle, pk=pk)
    stored = totals.for_scope(request.user, cycle)
    if stored is not None:
        rows, pending = selectors.distribution_rows(stored["bands"]), stored["pending"]
    else:
        rows, pending = selectors.distribution(rules.team_results(request.user, cycle))
    context = {
        "cycle": cycle,
        "next_statuses": [ReviewCycle.Status(s) for s in services.ALLOWED_TRANSITIONS[cycle.status]],
        "data_open": cycle.status in services.DATA_STATUSES,
        "can_score": cycle.status in services.SCORING_STATUSES,
        "uploads": upload_forms(request.user, [k for k in KINDS.values() if k.target is CYCLE], target=cycle),
        "imports": import_rules.visible_imports(request.user)
        .filter(pk__in=cycle.imports.values("pk"))
        .defer("content")[:10],
        "transitions": cycle.transitions.select_related("by__employee"),
        "distribution": rows,
        "warnings": selectors.guide_warnings(cycle, rows),
        "result_count": sum(r["count"] for r in rows),
        "chart": charts.band_distribution(rows),
        "pending": pending,
        "has_results": bool(pending or any(row["count"] for row in rows)),
        "settings_groups": _settings_groups(CycleSettingsForm(cycle=cycle)),
        "settings_open": cycle.status in services.SETTINGS_STATUSES,
    }
    return render(request, "reviews/cycle_detail.html", context)


def _settings_groups(form):
    return [
        (_("Lowest score of each band"), form.group("threshold_"), _("points")),
        (_("360° relation weights"), form.group("weight_"), "%"),
        (_("Distribution guide: largest share of people"), form.group("guide_"), "%"),
        (
            _("360° anonymity: fewer raters than this in a relation are merged for the employee"),
            form.group("raters_"),
            _("raters"),
        ),
    ]


@require_POST
@require(rules.can_manage_cycles)
def cycle_settings(request, pk: int):
    cycle = get_object_or_404(ReviewCycle, pk=pk)
    form = CycleSettingsForm(request.POST, cycle=cycle)
    if not form.is_valid():
        for error in form.non_field_errors():
            messages.error(request, error)
        for name, errors in form.errors.items():
            if name != "__all__":
                messages.error(request, f"{form.fields[name].label}: {' '.join(errors)}")
        return redirect("reviews:cycle_detail", pk=pk)
    try:
        services.update_settings(cycle=cycle, by=request.user, **form.settings())
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Settings saved. Compute the results again to apply them."))
    return redirect("reviews:cycle_detail", pk=pk)


# What a status change does, said before it is done.
STATUS_EFFECTS = {
    ReviewCycle.Status.OPEN: gettext_lazy(
        "HR can enter and import the cycle's data, and compute results; managers see the cycle."
    ),
    ReviewCycle.Status.CALIBRATING: gettext_lazy(
        "Data entry and imports close; results can still be computed, and HR can change bands with a reason."
    ),
    ReviewCycle.Status.FEEDBACK: gettext_lazy(
        "Every employee sees their own result, and managers hold the feedback conversations. "
        "Results can no longer be computed or calibrated."
    ),
    ReviewCycle.Status.CLOSED: gettext_lazy("The cycle becomes read-only."),
}


@require(rules.can_manage_cycles)
def cycle_status_confirm(request, pk: int, to: str):
    """Before a status change: what it will do, how complete the results are, and the confirm button."""
    cycle = get_object_or_404(ReviewCycle, pk=pk)
    if to not in services.ALLOWED_TRANSITIONS[cycle.status]:
        raise Http404
    ready = selectors.completeness(cycle)
    # HR people whose own result nobody can complete (no other HR covers them): said where it blocks.
    uncovered = [u.employee for u in hr_scopes.uncovered()]
    complete = set(
        Result.objects.filter(cycle=cycle, complete=True, employee__in=uncovered).values_list(
            "employee_id", flat=True
        )
    )
    uncovered = [person for person in uncovered if person.pk not in complete]
    context = {
        "cycle": cycle,
        "uncovered_hr": uncovered,
        "to": ReviewCycle.Status(to),
        "effect": STATUS_EFFECTS[to],
        "ready": ready,
        "needs_reason": services.reason_required(to, ready),
    }
    return render(request, "reviews/cycle_status_confirm.html", context)


@require_POST
@require(rules.can_manage_cycles)
def cycle_status(request, pk: int):
    cycle = get_object_or_404(ReviewCycle, pk=pk)
    to = request.POST.get("to", "")
    try:
        cycle = services.change_status(
            cycle=cycle, to=to, by=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        if to in services.ALLOWED_TRANSITIONS[cycle.status]:
            return redirect(reverse("reviews:cycle_status_confirm", kwargs={"pk": pk, "to": to}))
    else:
        messages.success(
            request, _("The cycle is now “%(status)s”.") % {"status": cycle.get_status_display()}
        )
    return redirect("reviews:cycle_detail", pk=pk)


@require_POST
@require(rules.can_manage_cycles)
def cycle_score(request, pk: int):
    cycle = get_object_or_404(ReviewCycle, pk=pk)
    try:
        count = services.score_cycle(cycle=cycle, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("%(count)d results computed.") % {"count": count})
    return redirect("reviews:cycle_detail", pk=pk)


@require(rules.can_manage_cycles)
def template_list(request):
    templates = Template.objects.prefetch_related("indicators", "positions", "departments")
    return render(
        request,
        "reviews/template_list.html",
        {"templates": templates, "uploads": upload_forms(request.user, [KINDS["template"]])},
    )


@require(rules.can_manage_cycles)
def template_edit(request, pk: int | None = None):
    """A review template written on the page: its indicators (weights adding up to 100) and whom it
    applies to, checked as an imported file is; a new one when there is no `pk`."""
    template = get_object_or_404(Template, pk=pk) if pk else None
    options = {
        "positions": Position.objects.order_by("name"),
        "departments": department_choices(request.user),
        "renaming": template is None,
    }
    if request.method == "POST":
        form = TemplatePageForm(
            request.POST, initial={"name": template.name} if template else None, **options
        )
        rows = IndicatorRows(request.POST, prefix="indicators")
        if form.is_valid() and rows.is_valid():
            indicators = [
                # As a file's cells: an empty box is an empty cell (None), a figure its text.
                {
                    k: (None if v in (None, "") else str(v))
                    for k, v in row.cleaned_data.items()
                    if k != "DELETE"
                }
                for row in rows
                if row.cleaned_data.get("name", "").strip() and not row.cleaned_data.get("DELETE")
            ]
            plan = template_import.save_from_page(
                **form.cleaned_data, indicators=indicators, user=request.user
            )
            if plan.ok:
                messages.success(
                    request, _("Template “%(name)s” saved.") % {"name": form.cleaned_data["name"]}
                )
                return redirect("reviews:template_list")
            context = {
                "form": form,
                "rows": rows,
                "template": template,
                "problems": sorted(plan.errors, key=lambda e: e.line),
            }
            return render(request, "reviews/template_edit.html", context, status=400)
    else:
        initial = None
        if template is not None:
            initial = {
                "name": template.name,
                "positions": list(template.positions.all()),
                "departments": list(template.departments.all()),
            }
        form = TemplatePageForm(initial=initial, **options)
        rows = IndicatorRows(
            prefix="indicators",
            initial=[
                {f: "\n".join(i.anchors) if f == "anchors" else getattr(i, f) for f in IndicatorRowForm.base_fields}
                for i in template.indicators.all()
            ] if template else None,
        )  # fmt: skip
    context = {"form": form, "rows": rows, "template": template}
    return render(request, "reviews/template_edit.html", context, status=400 if form.errors else 200)


@require(rules.can_view_cycles)
def result_detail(request, pk: int):
    result = selectors.result_for(request.user, pk)
    if result is None:
        raise Http404
    context = selectors.explanation(request.user, result)
    if rules.can_calibrate(request.user, result):
        context["calibration_form"] = CalibrationForm(initial={"band": result.band})
    if rules.can_tag_root_causes(request.user, result):
        context["can_tag_root_causes"] = True
        form = RootCauseForm(breakdown=result.breakdown)
        if form.fields["indicator"].choices:  # only shortfalls have root causes
            context["root_cause_form"] = form
    context["data_open"] = result.cycle.status in services.DATA_STATUSES
    context["score_chart"] = charts.indicator_scores(result.breakdown)
    context["radar_chart"] = charts.competency_radar(context["competencies"])
    audit.log_result_opened(request.user, result, audit.Via.PAGE, shows_reviews="reviews" in context)
    return render(request, "reviews/result_detail.html", context)


def _visible_result_or_404(request, pk):
    result = selectors.result_for(request.user, pk)
    if result is None:
        raise Http404
    return result


@require_POST
@require(rules.can_manage_cycles)
def result_calibrate(request, pk: int):
    result = _visible_result_or_404(request, pk)
    if not policy.is_hr_for(request.user, result.employee):  # e.g. HR's own result
        raise PermissionDenied
    form = CalibrationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a band and give the reason."))
    else:
        try:
            services.calibrate(
                result=result,
                band=form.cleaned_data["band"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Band changed; the reason is kept in the history."))
    return redirect("reviews:result_detail", pk=pk)


@require_POST
@require(rules.can_view_team_results)
def result_root_cause(request, pk: int):
    result = _visible_result_or_404(request, pk)
    if not rules.can_tag_root_causes(request.user, result):
        raise PermissionDenied
    form = RootCauseForm(request.POST, breakdown=result.breakdown)
    if not form.is_valid():
        messages.error(request, _("Choose an indicator and a root cause."))
    else:
        services.tag_root_cause(
            result=result,
            indicator_id=form.cleaned_data["indicator"],
            cause=form.cleaned_data["cause"],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(request, _("Root cause recorded."))
    return redirect("reviews:result_detail", pk=pk)


@require_POST
@require(rules.can_view_team_results)
def result_root_cause_remove(request, pk: int, cause_id: int):
    result = _visible_result_or_404(request, pk)
    root_cause = get_object_or_404(
        result.root_causes.select_related("result__employee__department"), pk=cause_id
    )
    services.remove_root_cause(root_cause=root_cause, by=request.user)
    messages.success(request, _("Root cause removed."))
    return redirect("reviews:result_detail", pk=pk)


def _team_cycle(request, pk):
    return get_object_or_404(rules.cycles_for(request.user), pk=pk)


@require(rules.can_view_team_results)
def team(request, pk: int):
    cycle = _team_cycle(request, pk)
    results = rules.team_results(request.user, cycle)
    stored = totals.for_scope(request.user, cycle)  # HR's departments, added up; None: counted here
    if stored is not None:
        rows, pending = selectors.distribution_rows(stored["bands"]), stored["pending"]
        problems, causes = selectors.problems_of(stored["shortfalls"]), selectors.causes_of(stored["causes"])
    else:
        rows, pending = selectors.distribution(results)
        problems, causes = selectors.common_problems(results), selectors.root_cause_counts(results)
    form = TeamFilterForm(request.GET or None, departments=department_choices(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    paginator = Paginator(selectors.team_rows(results, **filters), TEAM_PAGE_SIZE)
    if stored is not None and not any(filters.values()):  # the whole scope: its count is stored
        paginator.count = sum(stored["bands"].values()) + stored["pending"]
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "form": form,
        "department_options": department_options(form, request.user),
        "cycle": cycle,
        "distribution": rows,
        "warnings": selectors.guide_warnings(cycle, rows),
        "chart": charts.band_distribution(rows),
        "pending": pending,
        "has_results": bool(pending or any(row["count"] for row in rows)),
        "problems": problems,
        "causes": causes,
        "page": page,
        "rows": selectors.team_table(page.object_list, cycle, cycle.status in services.DATA_STATUSES),
    }
    return render(request, "reviews/team.html", context)


@require(rules.can_view_team_results)
def team_export(request, pk: int):
    cycle = _team_cycle(request, pk)
    results = rules.team_results(request.user, cycle)
    audit.log_reads(
        request.user,
        results.values_list("employee_id", flat=True),
        [audit.What.EXPORT],
        audit.Via.EXPORT,
        ref=f"cycle:{cycle.pk}",
    )
    data = exporting.export(results, "xlsx", for_people=True)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="perfloop-team-{cycle.pk}.xlsx"'
    return response


@require(rules.can_view_team_results)
def entry(request, pk: int, employee_id: int):
    """Enter a person's KPI actual values (HR) and evidence records (HR and managers) for a cycle."""
    cycle = get_object_or_404(rules.cycles_for(request.user), pk=pk)
    employee = get_object_or_404(
        policy.visible_employees(request.user).select_related("department", "position"), pk=employee_id
    )
    may_enter = rules.can_enter_actuals(request.user, employee)
    if not (may_enter or rules.can_add_evidence(request.user, employee)):
        raise PermissionDenied
    template_id = services.TemplateResolver().template_id(employee.position_id, employee.department_id)
    indicators = Indicator.objects.filter(template_id=template_id)
    current = {
        i: (a, t, n)
        for i, a, t, n in KpiActual.objects.filter(cycle=cycle, employee=employee).values_list(
            "indicator_id", "actual", "target", "note"
        )
    }
    actuals_form = ActualsForm(indicators=list(indicators), current=current) if may_enter else None
    evidence_form = EvidenceForm(indicators=indicators)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "actuals" and may_enter:
                actuals_form = ActualsForm(request.POST, indicators=list(indicators), current=current)
                if actuals_form.is_valid():
                    count = services.record_actuals(
                        cycle=cycle, employee=employee, values=actuals_form.values(), by=request.user
                    )
                    messages.success(request, _("%(count)d actual values saved.") % {"count": count})
                    return redirect("reviews:entry", pk=pk, employee_id=employee_id)
            elif request.POST.get("action") == "evidence":
                evidence_form = EvidenceForm(request.POST, indicators=indicators)
                if evidence_form.is_valid():
                    services.add_evidence(
                        cycle=cycle, employee=employee, by=request.user, **evidence_form.cleaned_data
                    )
                    messages.success(request, _("Evidence recorded."))
                    return redirect("reviews:entry", pk=pk, employee_id=employee_id)
        except ValidationError as error:
            messages.error(request, _error_text(error))
    audit.log_reads(
        request.user, [employee.pk], [audit.What.EVIDENCE], audit.Via.PAGE, ref=f"cycle:{cycle.pk}"
    )
    context = {
        "cycle": cycle,
        "employee": employee,
        "data_open": cycle.status in services.DATA_STATUSES,
        "actuals_form": actuals_form,
        "evidence_form": evidence_form,
        "evidence": EvidenceRecord.objects.filter(cycle=cycle, employee=employee).select_related("indicator"),
        "has_template": template_id is not None,
    }
    return render(request, "reviews/entry.html", context)


@require(rules.can_view_cycles)
def my_reviews(request):
    """The 360 ratings the user wrote, and nobody else's."""
    reviews = (
        rules.reviews_written_by(request.user)
        .select_related("cycle", "employee", "indicator")
        .order_by("-cycle__start_date", "employee__employee_no")
    )
    return render(request, "reviews/my_reviews.html", {"reviews": reviews})
