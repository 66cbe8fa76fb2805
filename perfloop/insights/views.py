from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access import audit
from perfloop.access.decorators import require
from perfloop.access.policy import reaches_department, roles_for
from perfloop.insights import lessons, outcomes, registry, rules
from perfloop.insights.forms import LessonForm, LessonSearchForm, TeamReportForm
from perfloop.insights.team import compare, figures, trends
from perfloop.insights.team import export as team_export
from perfloop.insights.team import pages as team_pages
from perfloop.insights.team import scope as team_scope
from perfloop.insights.team import stored as team_stored
from perfloop.org.selectors import department_options
from perfloop.plans import rules as plan_rules
from perfloop.plans import selectors
from perfloop.plans import teams as plan_teams
from perfloop.plans.tracking import closing
from perfloop.reviews.models import ReviewCycle
from perfloop.reviews.rules import cycles_for


def _cycles(user) -> list:
    """The cycles the outcomes page offers, newest first."""
    return list(cycles_for(user).order_by("-start_date", "-pk").only("pk", "name")[:50])


def _chosen(cycles: list, value: str):
    return next((c for c in cycles if str(c.pk) == value), None)


@require(rules.can_see_outcomes)
def outcomes_page(request):
    """HR's outcome lists for a cycle and their scope, a group at a time, 50 rows a page; XLSX."""
    cycles = _cycles(request.user)
    cycle = _chosen(cycles, request.GET.get("cycle", "")) or outcomes.latest_with_outcomes(cycles)
    group = request.GET.get("group", "")
    group = group if group in outcomes.GROUPS else ""
    if cycle is not None and request.GET.get("format") == "xlsx":
        response = HttpResponse(
            outcomes.workbook(request.user, cycle, group),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="perfloop-outcomes-{cycle.pk}.xlsx"'
        return response
    page, marks = None, {}
    counts, to_check = {}, 0
    if cycle is not None:
        plans = outcomes.plans_of(request.user, cycle, group).select_related(
            "employee__department", "closure"
        )
        page = Paginator(plans, 50).get_page(request.GET.get("page"))
        outcomes.log_listed(request.user, page, audit.Via.PAGE)  # the outcomes and their reasons
        marks = registry.outcome_marks(request.user, list(page), cycle)
        counts = outcomes.counts(request.user, cycle)
        to_check = closing.awaiting_check(outcomes.plans_of(request.user, cycle, group)).count()
    groups = [(g, outcomes.GROUP_LABELS[g], counts.get(g, 0)) for g in outcomes.GROUPS]
    context = {"cycles": cycles, "cycle": cycle, "group": group, "groups": groups, "page": page}
    context["to_check"], context["marks"] = to_check, marks
    return render(request, "insights/outcomes.html", context)


@require_POST
@require(rules.can_see_outcomes)
def outcomes_check(request):
    """HR checks every decided outcome of the list shown (the cycle and group chosen) at once."""
    cycles, chosen = _cycles(request.user), request.POST.get("cycle", "")
    # The list the page showed: the cycle chosen, else the one the page opens on.
    cycle = _chosen(cycles, chosen) if chosen else outcomes.latest_with_outcomes(cycles)
    if cycle is None:
        raise Http404
    group = request.POST.get("group", "")
    group = group if group in outcomes.GROUPS else ""
    plans = outcomes.plans_of(request.user, cycle, group).select_related("employee__department")
    checked = closing.check_many(plans=plans, by=request.user)
    messages.success(
        request, ngettext("%(n)s outcome checked.", "%(n)s outcomes checked.", checked) % {"n": checked}
    )
    return redirect(f"{reverse('insights:outcomes')}?{urlencode({'cycle': cycle.pk, 'group': group})}")


@require(plan_rules.can_use_plans)
def lessons_page(request):
    """Lessons the user may read, searched in either language, 20 a page."""
    form = LessonSearchForm(request.GET or None)
    found = lessons.visible(request.user)
    if form.is_valid():
        data = form.cleaned_data
        found = lessons.search(found, data["q"], data["root_cause"], data["indicator"])
    page = Paginator(found.select_related("department"), 20).get_page(request.GET.get("page"))
    return render(request, "insights/lessons.html", {"form": form, "page": page})


def lesson_add(request, pk: int):
    """A lesson from a closed plan, on its own page."""
    plan = selectors.plan_for(request.user, pk)
    if plan is None:
        raise Http404
    if not rules.can_write_lesson(request.user, plan):
        raise PermissionDenied
    goal = next(iter(plan.goals.all()), None)
    if request.method != "POST":
        form = LessonForm(initial={"title": plan.title, "indicator": goal.source if goal else ""})
    else:
        form = LessonForm(request.POST)
        if form.is_valid():
            try:
                lessons.write(plan=plan, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Lesson saved."))
                return redirect("insights:lessons")
    return render(
        request, "insights/lesson_add.html", {"plan": plan, "form": form}, status=400 if form.errors else 200
    )


@require(team_scope.can_read)
def team_report(request):
    """A department's team report for a cycle: the whole loop's figures, each linked to its people."""
    form, scope, cycle = _chosen_report(request)
    context = {"form": form, "cycle": cycle, "scope": scope, "page": "report"}
    status = 400 if form.errors else 200
    if scope is not None and cycle is not None and not form.errors:
        report = figures.report(request.user, scope, cycle)
        shown = {}
        if report.results:  # its labels and links, made once per language as the figures are
            key = (
                "shown",
                get_language(),
                roles_for(request.user).is_hr,
                *figures.key_of(request.user, scope, cycle),
            )
            shown = team_stored.remembered(key, lambda: team_pages.shown(request.user, report))
        kind = request.GET.get("format", "")
        if kind in ("xlsx", "pdf") and shown:
            return _report_file(report, shown, kind)
        planned = team_plans_on(request.user, scope, cycle, shown)
        problems = [(p, (planned or {}).get(p["name"])) for p in shown.get("problems", [])]
        context.update(report=report, shown=shown, problems=problems, can_plan=planned is not None)
    context["department_options"] = department_options(form, request.user, kind="team-report")
    return render(request, "insights/team.html", context, status=status)


def team_plans_on(user, scope, cycle, shown) -> dict | None:
    """Indicator → the department's open team plan on it (None: the user does not start team plans
    here, e.g. a cycle not yet published)."""
    if not shown or cycle.status not in ReviewCycle.PUBLISHED:
        return None
    if not reaches_department(user, scope.department):
        return None
    return plan_teams.open_on(scope.department, [p["name"] for p in shown["problems"]])


REPORT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _report_file(report, shown, kind: str) -> HttpResponse:
    """The report as XLSX or PDF, named 团队报告-<department>-<cycle>.<kind>."""
    content = team_export.workbook(report, shown) if kind == "xlsx" else team_export.pdf_bytes(report, shown)
    response = HttpResponse(content, content_type=REPORT_TYPES[kind])
    name = f"团队报告-{report.scope.department.name}-{report.cycle.name}.{kind}"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


def _chosen_report(request):
    """The department, cycle and scope a team page was asked for, or a 400 page's form."""
    departments = (
        team_scope.departments_for(request.user).only("id", "name", "path", "depth").order_by("path")
    )
    cycles = team_scope.report_cycles(request.user)
    form = TeamReportForm(request.GET or None, departments=departments, cycles=cycles)
    if request.GET and not form.is_valid():
        return form, None, None
    chosen = form.cleaned_data if form.is_bound else {}
    department = chosen.get("department")
    scope = team_scope.scope_for(
        request.user, department.pk if department else None, chosen.get("scope") == "level"
    )
    form.fields["department"].initial = scope.department.pk if scope else None
    return form, scope, chosen.get("cycle") or cycles.first()


@require(team_scope.can_read)
def team_trends(request):
    """A department's main figures over its last cycles, as lines."""
    form, scope, cycle = _chosen_report(request)
    context = {"form": form, "scope": scope, "cycle": cycle, "page": "trends"}
    status = 200
    if scope is None or cycle is None:
        status = 400 if form.errors else 200
    else:
        n = request.GET.get("cycles", "")
        n = int(n) if n.isdigit() else 4
        cycles = trends.last_cycles(team_scope.report_cycles(request.user), cycle, n)
        found = trends.trends(request.user, scope, cycles)
        context.update(found=found, charts=trends.charts(found), n=len(cycles))
    context["department_options"] = department_options(form, request.user, kind="team-report")
    return render(request, "insights/team_trends.html", context, status=status)


@require(compare.can_compare)
def departments_page(request):
    """HR's departments side by side for a cycle, sortable, with the heat map of common problems."""
    form, scope, cycle = _chosen_report(request)
    context = {"form": form, "scope": scope, "cycle": cycle, "page": "compare"}
    sort = request.GET.get("sort", "name")
    status = 200
    if scope is None or cycle is None or not scope.full:
        status = 400 if form.errors or (scope and not scope.full) else 200
    else:
        found = compare.compare(request.user, scope.department, cycle, sort)
        context.update(found=found, heat_map=compare.heat_map(found), sort=sort, columns=compare.columns())
    context["department_options"] = department_options(form, request.user, kind="team-report")
    return render(request, "insights/departments.html", context, status=status)
