from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from perfloop.access import audit
from perfloop.access.decorators import require
from perfloop.home.service_calls import form_errors, run
from perfloop.plans import guards, selectors, teams
from perfloop.plans import rules as plan_rules
from perfloop.plans.apps import PLAN_READ
from perfloop.plans.models import ItemStatus
from perfloop.plans.tracking import closing, rules, services
from perfloop.plans.tracking.forms import (
    CheckInForm,
    CloseForm,
    OutcomeForm,
    ReadingForm,
)
from perfloop.plans.tracking.models import AgendaItem, Closure, Reading
from perfloop.plans.tracking.selectors import agenda_of


def _plan(request, pk: int):
    plan = selectors.plan_for(request.user, pk)
    if plan is None:
        raise Http404
    return plan


def _run(request, form, write, success: str) -> None:
    """The service on a valid form; its refusal, or the form's errors, as a message in the user's language."""
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return
    run(request, lambda: write(form.cleaned_data), success)


def checkin_add(request, pk: int):
    """The check-in form on its own page (the plan page stays light), and its sending."""
    plan = _plan(request, pk)
    if not rules.can_record(request.user, plan):
        raise PermissionDenied
    goals = list(plan.goals.all())
    if request.method != "POST":
        form = CheckInForm(goals=goals, initial={"held_on": timezone.localdate()})
    else:
        form = CheckInForm(request.POST, goals=goals)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record_checkin(
                    plan=plan, by=request.user, held_on=data["held_on"], kind=data["kind"],
                    today=timezone.localdate(), readings=form.readings(), on_track=data["on_track"],
                    **{k: data[k] for k in services.CHECKIN_TEXTS},
                )  # fmt: skip
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Check-in recorded."))
                return redirect(plan)
    guards.log_opened(plan=plan, by=request.user, what=PLAN_READ, via=audit.Via.PAGE)
    context = {"plan": plan, "form": form}
    return render(request, "followup/checkin.html", context, status=400 if form.errors else 200)


@require_POST
def reading_add(request, pk: int):
    plan = _plan(request, pk)
    if not rules.can_add_reading(request.user, plan):
        raise PermissionDenied
    goals = list(plan.goals.all())
    form = ReadingForm(request.POST, goals=goals)

    def write(data):
        goal = next(g for g in goals if g.pk == data["goal"])
        services.add_reading(
            goal=goal, by=request.user, taken_on=data["taken_on"], value=data["value"], note=data["note"],
            today=timezone.localdate(),
        )  # fmt: skip

    _run(request, form, write, _("Reading recorded."))
    return redirect(plan)


@require_POST
def reading_confirm(request, pk: int, reading_id: int):
    plan = _plan(request, pk)
    reading = get_object_or_404(
        Reading.objects.select_related("goal__plan__employee"), goal__plan=plan, pk=reading_id
    )
    services.confirm_reading(reading=reading, by=request.user)
    messages.success(request, _("Reading confirmed."))
    return redirect(plan)


@require(plan_rules.can_use_plans)
def due(request):
    """What is overdue and falls due this week, for the user's own plans or their team's."""
    team = plan_rules.can_see_team_plans(request.user)
    scope = request.GET.get("scope") or ("team" if team else "mine")
    scope = scope if scope in ("mine", "team") and (scope == "mine" or team) else "mine"
    page = Paginator(agenda_of(request.user, scope), 50).get_page(request.GET.get("page"))
    context = {"page": page, "rows": _agenda_table(page.object_list), "scope": scope, "team": team}
    return render(request, "followup/due.html", context)


def _agenda_table(items) -> list[dict]:
    """A page of the agenda as its table shows it, made once here: the template only prints it
    (50 rows of lookups, links, dates and plurals in the template cost twice the query)."""
    today = timezone.localdate()
    kinds = {"formal": _("Formal review"), "brief": _("Brief check-in")}
    rows = []
    for item in items:
        days = (today - item.due).days
        if item.kind == AgendaItem.Kind.CHECK_IN:
            what = kinds.get(item.what, item.what)
        else:
            label = (
                _("Milestone") if item.kind == AgendaItem.Kind.MILESTONE else _("Support from the company")
            )
            what = f"{label}: {item.what}"
        rows.append({
            "due": date_format(item.due, "SHORT_DATE_FORMAT"),
            "late": ngettext("%(days)s day late", "%(days)s days late", days) % {"days": days} if days > 0 else "",
            "name": "" if item.plan.is_team else item.plan.employee.name,
            "department": (item.plan.department if item.plan.is_team else item.plan.employee.department).name,
            "url": reverse("plans:plan", args=[item.plan_id]),
            "title": item.plan.title,
            "what": what,
        })  # fmt: skip
    return rows


# ---------------------------------------------------------------- closure and outcome


def close(request, pk: int):
    """Closure on its own page: final readings, the suggested result, the manager's result."""
    plan = _plan(request, pk)
    if not rules.can_close(request.user, plan):
        raise PermissionDenied
    suggested, goals = closing.suggestion(plan)
    if request.method != "POST":
        # A team plan's final readings: the team's figure from the latest cycle scored since.
        latest = {
            f"final_{r['goal'].pk}": r["latest"] for r in teams.figures(plan) if r["latest"] is not None
        }
        form = CloseForm(goals=goals, initial={"result": suggested, **latest})
    else:
        form = CloseForm(request.POST, goals=goals)
        if form.is_valid():
            data = form.cleaned_data
            try:
                closing.close(
                    plan=plan, by=request.user, result=data["result"], reason=data["reason"],
                    today=timezone.localdate(), readings=form.readings(),
                )  # fmt: skip
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("The result is recorded. Decide the outcome next: the plan closes with it.")
                )
                return redirect(plan)
    guards.log_opened(plan=plan, by=request.user, what=PLAN_READ, via=audit.Via.PAGE)
    context = {
        "plan": plan, "form": form, "suggested": Closure.Result(suggested).label, "goals": goals,
        "result_labels": {value: str(label) for value, label in Closure.Result.choices},
        # Closing early, or while the company still owes support, is allowed, and said first.
        "open_support": list(plan.support.filter(status=ItemStatus.OPEN).order_by("due", "pk")),
        "days_in": (timezone.localdate() - plan.start_date).days,
        "ends_later": plan.end_date > timezone.localdate(),
    }  # fmt: skip
    return render(request, "followup/close.html", context, status=400 if form.errors else 200)


@require_POST
def outcome(request, pk: int):
    plan = _plan(request, pk)
    if not plan_rules.owns(request.user, plan):
        raise PermissionDenied
    form = OutcomeForm(request.POST, team=plan.is_team)
    _run(
        request,
        form,
        lambda data: closing.decide_outcome(
            plan=plan,
            by=request.user,
            outcome=data["outcome"],
            reason=data["reason"],
            today=timezone.localdate(),
        ),  # fmt: skip
        _("Outcome recorded."),
    )
    return redirect(plan)


@require_POST
def outcome_check(request, pk: int):
    plan = _plan(request, pk)
    run(request, lambda: closing.check_outcome(plan=plan, by=request.user), _("Outcome checked."))
    return redirect(plan)


@require_POST
def closure_acknowledge(request, pk: int):
    plan = _plan(request, pk)
    run(request, lambda: closing.acknowledge(plan=plan, by=request.user), _("Acknowledged."))
    return redirect(plan)
