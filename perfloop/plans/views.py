import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from perfloop.access import audit
from perfloop.access.decorators import require
from perfloop.access.policy import reaches, roles_for, visible_employees
from perfloop.feedback import services as feedback_services
from perfloop.feedback.apps import RECORD_READ
from perfloop.home.service_calls import form_errors, run
from perfloop.org import selectors as org_selectors
from perfloop.org.models import Employee
from perfloop.plans import (
    cadence,
    documents,
    drafting,
    editing,
    guards,
    lifecycle,
    registry,
    rules,
    selectors,
    smart,
    sources,
)
from perfloop.plans.apps import PLAN_READ
from perfloop.plans.forms import (
    ActionForm,
    BulkForm,
    CommentForm,
    GoalForm,
    MilestoneForm,
    NewPlanForm,
    PlanEditForm,
    PlanListForm,
    StatusForm,
    SupportForm,
    TemplateForm,
    TemplateParts,
)
from perfloop.plans.models import Action, BulkRun, Milestone, Plan, PlanTemplate, Support
from perfloop.reviews.models import ReviewCycle

PAGE_SIZE = 50
Status = Plan.Status
PLAN_FIELDS = (
    "title",
    "start_date",
    "end_date",
    "brief_every",
    "brief_minutes",
    "formal_every",
    "formal_minutes",
)


def _plan_or_404(request, pk: int) -> Plan:
    plan = selectors.plan_for(request.user, pk)
    if plan is None:
        raise Http404
    return plan


def _editable_plan(request, pk: int) -> Plan:
    """A plan the user may change (404 when unseen, 403 when only seen)."""
    plan = _plan_or_404(request, pk)
    if not rules.owns(request.user, plan):
        raise PermissionDenied
    return plan


@require(rules.can_use_plans)
def index(request):
    user = roles_for(request.user)
    mine = selectors.my_plans(request.user)[:20] if user.employee is not None else []
    context = {"mine": mine, "page": None}
    if rules.can_see_team_plans(request.user):
        form = PlanListForm(
            request.GET or None,
            departments=org_selectors.department_choices(request.user),
            cycles=ReviewCycle.objects.published().order_by("-start_date"),
            statuses=[
                *Status.choices,
                (selectors.SENT, _("Sent to the employee")),
                (selectors.TEAM, _("Team plans")),
            ],
        )
        rows = selectors.team_plans(request.user, form.cleaned_data if form.is_valid() else {})
        team = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
        context |= {
            "page": team, "form": form,
            "department_options": org_selectors.department_options(form, request.user),
        }  # fmt: skip
    # On/off track for the plans shown, both lists at once (the marks' queries run once).
    shown = list(mine) + (list(context["page"].object_list) if context["page"] is not None else [])
    context["marks"] = registry.marks_of(shown)
    return render(request, "plans/index.html", context)


def _person_to_plan(request) -> tuple:
    """The person a new plan is for (by id or employee number), their latest published result and
    its feedback record."""
    wanted = (request.GET.get("employee") or request.POST.get("employee") or "").strip()[:32]
    if not wanted:
        return None, None, None
    match = Q(employee_no=wanted) | (Q(pk=int(wanted)) if wanted.isdigit() and len(wanted) < 18 else Q())
    employee = visible_employees(request.user).select_related("department").filter(match).first()
    if employee is None or not reaches(request.user, employee):
        return None, None, None
    return employee, *selectors.sources_of(employee)


@require(rules.can_see_team_plans)
def new(request):
    employee, result, record = _person_to_plan(request)
    if employee is None:
        if request.GET.get("employee") or request.POST.get("employee"):
            messages.error(request, _("No one in your team or scope has this employee number."))
        return render(request, "plans/new.html", {"employee": None})
    kind = (
        Plan.Kind.DEVELOPMENT
        if (request.GET.get("kind") or request.POST.get("kind")) == "development"
        else Plan.Kind.IMPROVEMENT
    )
    candidates = sources.candidates(result, record, kind=kind, employee=employee)
    if result is not None:  # the page shows the result's figures and the record's requests
        audit.log_reads(
            request.user, [employee.pk], [audit.What.RESULT], audit.Via.PAGE, ref=f"result:{result.pk}"
        )
    if record is not None:
        feedback_services.log_opened(record=record, by=request.user, what=RECORD_READ, via=audit.Via.PAGE)
    form = NewPlanForm(request.POST or None, candidates=candidates, development=kind == Plan.Kind.DEVELOPMENT)
    if request.method == "GET":
        today = timezone.localdate()
        title = (
            _("%(name)s’s development plan")
            if kind == Plan.Kind.DEVELOPMENT
            else _("%(name)s’s improvement plan")
        )
        form.initial = {
            "title": title % {"name": employee.name},
            "start_date": today,
            "end_date": today + dt.timedelta(weeks=8),
            "chosen": [c["key"] for c in candidates],
        }
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = drafting.create(
                employee=employee,
                by=request.user,
                title=data["title"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                result=result,
                feedback=record,
                template=data["template"],
                chosen=data["chosen"],
                cadence={k: data[k] for k in PLAN_FIELDS[3:]},
                kind=kind,
                target_position=data.get("target_position"),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Draft plan created. Add the goals, then send it to the employee."))
            return redirect(plan)
    context = {
        "employee": employee,
        "result": result,
        "record": record,
        "form": form,
        "candidates": candidates,
        "kind": kind,
    }
    return render(request, "plans/new.html", context, status=400 if form.errors else 200)


def _page(request, plan: Plan, status: int = 200, **forms):
    """The plan page, with any form the user just sent shown again with its errors."""
    context = selectors.plan_page(request.user, plan)
    can_edit, goals = context["can_edit"], [row["goal"] for row in context["goal_rows"]]
    initial_plan = {name: getattr(plan, name) for name in PLAN_FIELDS}
    goal_form = forms.get("goal_form")
    context["new_letters"] = [(letter, False) for letter in smart.LETTERS]
    context["statuses"] = StatusForm.base_fields["status"].choices
    if can_edit:
        context.update(
            plan_form=forms.get("plan_form") or PlanEditForm(initial=initial_plan),
            goal_form=goal_form or GoalForm(initial={"deadline": plan.end_date}),
            action_form=forms.get("action_form") or ActionForm(team=plan.is_team),
            support_form=forms.get("support_form") or SupportForm(),
            milestone_form=forms.get("milestone_form") or MilestoneForm(goals=goals),
        )
    context["comment_form"] = forms.get("comment_form") or CommentForm()
    context["sections"] = [
        {"template": section.template, "section": section.context(request, plan)}
        for section in registry.PLAN_SECTIONS
    ]
    return render(request, "plans/plan.html", context, status=status)


def _goal_form(goal) -> GoalForm:
    return GoalForm(initial={name: getattr(goal, name) for name in editing.GOAL_FIELDS})


@require(rules.can_use_plans)
def plan(request, pk: int):
    found = _plan_or_404(request, pk)
    guards.log_opened(plan=found, by=request.user, what=PLAN_READ, via=audit.Via.PAGE)
    return _page(request, found)


def _form_post(request, pk: int, form_class, name: str, write, success: str, form_kwargs=None):
    """A plan form sent: the service on valid data, else the page again with the form's errors."""
    plan = _editable_plan(request, pk)
    form = form_class(request.POST, **(form_kwargs(plan) if form_kwargs else {}))
    if form.is_valid():
        try:
            write(plan, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
    if form.errors:
        messages.error(request, form_errors(form))
        return _page(request, selectors.plan_for(request.user, pk), status=400, **{name: form})
    messages.success(request, success)
    return redirect(plan)


@require_POST
def update(request, pk: int):
    return _form_post(
        request,
        pk,
        PlanEditForm,
        "plan_form",
        lambda plan, data: editing.update(plan=plan, by=request.user, **data),
        _("Plan saved."),
    )


@require_POST
def goal_add(request, pk: int):
    def write(plan, data):
        data = {k: v for k, v in data.items() if k != "sentence"}
        editing.add_goal(plan=plan, by=request.user, **data)

    return _form_post(request, pk, GoalForm, "goal_form", write, _("Goal added."))


def goal_update(request, pk: int, goal_id: int):
    """A goal's own page to change it (kept off the plan page, whose cost stays the same however
    many goals the plan has)."""
    plan = _editable_plan(request, pk)
    goal = get_object_or_404(plan.goals, pk=goal_id)
    if request.method != "POST":
        form = _goal_form(goal)
    else:
        form = GoalForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "sentence"}
            try:
                editing.update_goal(goal=goal, by=request.user, **data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Goal saved."))
                return redirect(plan)
    context = {"plan": plan, "goal": goal, "form": form, "letters": list(goal.letters().items())}
    return render(request, "plans/goal_edit.html", context, status=400 if form.errors else 200)


@require_POST
def goal_remove(request, pk: int, goal_id: int):
    plan = _editable_plan(request, pk)
    goal = get_object_or_404(plan.goals, pk=goal_id)
    reason = request.POST.get("reason", "")
    run(request, lambda: editing.remove_goal(goal=goal, by=request.user, reason=reason), _("Goal removed."))
    return redirect(plan)


@require_POST
def action_add(request, pk: int):
    return _form_post(
        request,
        pk,
        ActionForm,
        "action_form",
        lambda plan, data: editing.add_action(plan=plan, by=request.user, **data),
        _("Action item added."),
        form_kwargs=lambda plan: {"team": plan.is_team},
    )


@require_POST
def support_add(request, pk: int):
    return _form_post(
        request,
        pk,
        SupportForm,
        "support_form",
        lambda plan, data: editing.add_support(plan=plan, by=request.user, **data),
        _("Support commitment added."),
    )


@require_POST
def milestone_add(request, pk: int):
    def write(plan, data):
        editing.add_milestone(
            plan=plan, by=request.user, title=data["title"], due=data["due"], goal_id=data["goal"],
            expected=data["expected"], reason=data["reason"],
        )  # fmt: skip

    return _form_post(
        request,
        pk,
        MilestoneForm,
        "milestone_form",
        write,
        _("Milestone added."),
        form_kwargs=lambda plan: {"goals": list(plan.goals.all())},
    )


@require_POST
def action_status(request, pk: int, action_id: int):
    """Tick an action off: the employee their own, those who own the plan any."""
    plan = _plan_or_404(request, pk)
    action = get_object_or_404(Action.objects.select_related("plan__employee"), plan=plan, pk=action_id)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(plan)
    try:
        editing.mark_action(action=action, by=request.user, status=form.cleaned_data["status"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(plan)


@require_POST
def support_status(request, pk: int, support_id: int):
    plan = _editable_plan(request, pk)
    support = get_object_or_404(Support.objects.select_related("plan__employee"), plan=plan, pk=support_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        run(
            request,
            lambda: editing.mark_support(
                support=support, by=request.user, status=form.cleaned_data["status"]
            ),
            _("Saved."),
        )
    return redirect(plan)


ITEMS = {"action": Action, "support": Support, "milestone": Milestone}


@require_POST
def item_remove(request, pk: int, kind: str, item_id: int):
    plan = _editable_plan(request, pk)
    if kind not in ITEMS:
        raise Http404
    item = get_object_or_404(ITEMS[kind].objects.select_related("plan__employee"), plan=plan, pk=item_id)
    reason = request.POST.get("reason", "")
    run(request, lambda: editing.remove_item(item=item, by=request.user, reason=reason), _("Removed."))
    return redirect(plan)


@require_POST
def submit(request, pk: int):
    plan = _editable_plan(request, pk)
    run(
        request,
        lambda: lifecycle.submit(plan=plan, by=request.user),
        _("The plan was sent to the employee to read and acknowledge."),
    )
    return redirect(plan)


@require_POST
def start(request, pk: int):
    """A team plan is started by those who own it (a person's plan is sent instead)."""
    plan = _editable_plan(request, pk)
    run(request, lambda: lifecycle.start(plan=plan, by=request.user), _("The team plan is under way."))
    return redirect(plan)


@require_POST
def withdraw(request, pk: int):
    """Delete a draft the employee never saw, or cancel a sent one with a reason."""
    plan = _editable_plan(request, pk)
    name = plan.subject_name
    try:
        kept = lifecycle.withdraw(plan=plan, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(plan)
    if kept is None:
        messages.success(request, _("The draft plan for %(name)s was deleted.") % {"name": name})
        return redirect("plans:index")
    messages.success(request, _("The plan is cancelled; %(name)s was told why.") % {"name": name})
    return redirect(kept)


@require_POST
def comment(request, pk: int):
    plan = _plan_or_404(request, pk)
    if not rules.can_comment(request.user, plan):
        raise PermissionDenied
    form = CommentForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        if run(
            request,
            lambda: lifecycle.comment(
                plan=plan, by=request.user, text=data["text"], disagrees=data["disagrees"]
            ),
            _("Your disagreement was sent back to the manager.")
            if data["disagrees"]
            else _("Comment added."),
        ):
            return redirect(plan)
    else:
        messages.error(request, form_errors(form))
    return _page(request, selectors.plan_for(request.user, pk), status=400, comment_form=form)


@require_POST
def adjustments_acknowledge(request, pk: int):
    """The employee acknowledges the changes made to their goals."""
    plan = _plan_or_404(request, pk)
    if not rules.is_subject(request.user, plan):
        raise PermissionDenied
    run(
        request,
        lambda: lifecycle.acknowledge_changes(plan=plan, by=request.user),
        _("You acknowledged the changes."),
    )
    return redirect(plan)


@require_POST
def acknowledge(request, pk: int):
    plan = _plan_or_404(request, pk)
    if not rules.can_answer(request.user, plan):
        raise PermissionDenied
    run(
        request,
        lambda: lifecycle.acknowledge(plan=plan, by=request.user),
        _("You acknowledged the plan: it is active."),
    )
    return redirect(plan)


@require_POST
@require(rules.can_see_team_plans)
def parse(request):
    """The one-sentence parser for the goal form (JSON): the fields it found, for the writer to confirm."""
    lang = request.POST.get("lang", "auto")
    text = request.POST.get("text", "")[:1000]
    # Relative deadlines ("2个月内", "within 6 weeks") count from the plan's start when it is given.
    try:
        start = dt.date.fromisoformat(request.POST.get("start", "")[:10])
    except ValueError:
        start = timezone.localdate()
    return JsonResponse(smart.parse(text, lang if lang in ("zh", "en") else "auto", start).as_dict())


def print_plan(request, pk: int):
    found = _plan_or_404(request, pk)
    guards.log_opened(plan=found, by=request.user, what=PLAN_READ, via=audit.Via.PAGE)
    return HttpResponse(documents.html(found, for_browser=True))


def document(request, pk: int):
    kind = request.GET.get("format", "pdf")
    if kind not in documents.CONTENT_TYPES:
        return HttpResponse(_("Ask for format=docx or format=pdf."), status=400, content_type="text/plain")
    found = _plan_or_404(request, pk)
    guards.log_opened(plan=found, by=request.user, what=PLAN_READ, via=audit.Via.PAGE)
    return documents.response(found, kind)


def checkins(request, pk: int):
    found = _plan_or_404(request, pk)
    guards.log_opened(plan=found, by=request.user, what=PLAN_READ, via=audit.Via.PAGE)
    return cadence.ics_response(found)


@require(rules.can_manage_templates)
def templates(request):
    form, parts = TemplateForm(request.POST or None), TemplateParts(request.POST or None)
    if _save_template(request, form, parts):
        return redirect("plans:templates")
    context = {"templates": selectors.templates(), "form": form, "parts": parts}
    return render(request, "plans/templates.html", context, status=400 if form.errors else 200)


def _save_template(request, form, parts, template=None) -> bool:
    """Save what the template's page sent; False (with the errors on the form) when not saved."""
    if request.method != "POST":
        return False
    if form.is_valid() and parts.is_valid():
        try:
            drafting.save_template(by=request.user, template=template, **form.cleaned_data, **parts.cleaned())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Template saved."))
            return True
    elif not form.errors:
        form.add_error(None, _("Check the rows marked below."))
    return False


@require(rules.can_manage_templates)
def template_edit(request, template_id: int):
    template = get_object_or_404(PlanTemplate, pk=template_id)
    form = TemplateForm(request.POST or None, initial=TemplateForm.initial_for(template))
    parts = TemplateParts(request.POST or None, template=template)
    if _save_template(request, form, parts, template):
        return redirect("plans:templates")
    context = {"template": template, "form": form, "parts": parts}
    return render(request, "plans/template_edit.html", context, status=400 if form.errors else 200)


@require_POST
@require(rules.can_manage_templates)
def template_delete(request, template_id: int):
    template = get_object_or_404(PlanTemplate, pk=template_id)
    drafting.delete_template(template=template, by=request.user)
    messages.success(request, _("Template deleted."))
    return redirect("plans:templates")


@require(rules.can_draft_in_bulk)
def bulk(request):
    cycles = ReviewCycle.objects.published().order_by("-start_date")
    form = BulkForm(request.POST or None, cycles=cycles, initial={"start_date": timezone.localdate()})
    preview = None
    if request.method == "POST" and form.is_valid() and not request.POST.get("confirm"):
        data = form.cleaned_data
        try:  # first who would get a plan, and who has one already; nothing drafted yet
            preview = drafting.bulk_preview(cycle=data["cycle"], bands=data["bands"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            count = drafting.draft_in_bulk(
                cycle=data["cycle"], template=data["template"], bands=data["bands"], by=request.user,
                start_date=data["start_date"],
            )  # fmt: skip
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(count)s draft plans created; their owners were told in their inbox.") % {"count": count},
            )
            return redirect(f"{reverse('plans:index')}?status=draft")
    runs = BulkRun.objects.filter(by=request.user).select_related("cycle", "template")[:5]
    context = {"form": form, "preview": _preview_rows(preview) if preview else None, "runs": runs}
    return render(request, "plans/bulk.html", context, status=400 if form.errors else 200)


@require_POST
@require(rules.can_draft_in_bulk)
def bulk_undo(request, run_id: int):
    """Undo a wrong bulk run of one's own: its drafts nobody has sent yet are deleted."""
    run = get_object_or_404(BulkRun, pk=run_id, by=request.user, undone_at__isnull=True)
    deleted, kept = drafting.undo_bulk(run=run, by=request.user)
    text = ngettext("%(n)s draft deleted.", "%(n)s drafts deleted.", deleted) % {"n": deleted}
    if kept:
        text += " " + ngettext(
            "%(n)s plan was already sent to its employee and is kept: cancel it on its page if it is wrong.",
            "%(n)s plans were already sent to their employees and are kept: cancel each on its page if wrong.",
            kept,
        ) % {"n": kept}
    messages.success(request, text)
    return redirect("plans:bulk")


PREVIEW_SHOWN = 200  # people named in a bulk preview; the counts cover everyone


def _preview_rows(preview) -> dict:
    owners = dict(
        Employee.objects.filter(user_id__in={o for _r, o in preview.drafted[:PREVIEW_SHOWN]}).values_list(
            "user_id", "name"
        )
    )
    return {
        "drafted": [(r, owners.get(owner, "—")) for r, owner in preview.drafted[:PREVIEW_SHOWN]],
        "planned": preview.planned[:PREVIEW_SHOWN],
        "drafted_count": len(preview.drafted),
        "planned_count": len(preview.planned),
    }
