"""Drafting plans: one from a person's result and conversation (improvement items become goals,
requests become support or actions) and a template, the templates themselves, and drafting from a
template in bulk for HR."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop import inputs
from perfloop.access.policy import people_q
from perfloop.org.selectors import nearest_managers_with_login
from perfloop.org.templatetags.people import person
from perfloop.plans import events, guards, rules, sources
from perfloop.plans.models import (
    Action,
    BulkRun,
    Goal,
    Plan,
    PlanTemplate,
    Support,
)
from perfloop.reviews.models import Result, ReviewCycle

BLANK = "___"


@transaction.atomic
def create(
    *,
    employee,
    by,
    title: str,
    start_date: dt.date,
    end_date: dt.date,
    result: Result | None = None,
    feedback=None,
    template: PlanTemplate | None = None,
    chosen: list[str] = (),
    cadence: dict | None = None,
    kind: str = Plan.Kind.IMPROVEMENT,
    target_position=None,
) -> Plan:
    """A draft plan for a person, with the sources the writer chose (improvement items, or for a
    development plan strengths and career wishes, become goals; requests become support or
    actions) and the template's goals, actions and support."""
    if not rules.can_write(by, employee):
        raise PermissionDenied
    if kind not in Plan.Kind.values:
        raise ValidationError(_("Choose the kind of plan from the list."), code="invalid")
    if target_position is not None and kind != Plan.Kind.DEVELOPMENT:
        raise ValidationError(_("Only a development plan aims at a position."), code="invalid")
    if result is not None and result.employee_id != employee.pk:
        raise ValidationError(_("This result is someone else’s."), code="invalid")
    if feedback is not None and feedback.employee_id != employee.pk:
        raise ValidationError(_("This feedback record is someone else’s."), code="invalid")
    # A plan shows the result's figures and the conversation's requests to the employee: only
    # what the employee may already see goes into it.
    if result is not None:
        guards.check_published(result.cycle)
    if feedback is not None and feedback.status == feedback.Status.PLANNED:
        raise ValidationError(
            _("The feedback conversation has not been held yet: draft the plan after it."), code="conflict"
        )
    guards.check_dates(start_date, end_date)
    plan = Plan(
        employee=employee,
        owner=by,
        cycle_id=(result.cycle_id if result else feedback.cycle_id if feedback else None),
        result=result,
        feedback=feedback,
        template=template,
        kind=kind,
        target_position=target_position,
        title=inputs.text(title, _("Title"), limit=200),
        start_date=start_date,
        end_date=end_date,
        **guards.cadence(cadence or {}),
    )
    plan.save()
    goals, actions, support = _drafted(plan, chosen)
    Goal.objects.bulk_create(goals)
    Action.objects.bulk_create(actions)
    Support.objects.bulk_create(support)
    return plan


def _drafted(plan: Plan, chosen) -> tuple[list[Goal], list[Action], list[Support]]:
    chosen = set(chosen)
    items = sources.improvement_items(plan.result)
    goals, actions, support = [], [], []
    if plan.is_development:
        for item in sources.strengths(plan.result):
            if item["key"] in chosen:
                goals.append(_goal_from_strength(plan, item))
        wishes = sources.wishes(plan.employee)
    else:
        for item in items:
            if item["key"] in chosen:
                goals.append(_goal_from_item(plan, item))
        wishes = []
    for request in sources.requests(plan.feedback) + wishes:
        if request["key"] not in chosen:
            continue
        if request["becomes"] == "goal":
            if plan.is_development:  # a career wish: a goal to make measurable with the person
                goals.append(Goal(plan=plan, description=request["text"][:2000], deadline=plan.end_date))
            continue
        if request["becomes"] == "action":
            # The manager's own step, a week after the conversation (not on the plan's first day).
            held = plan.feedback.held_on or plan.start_date
            due = min(plan.end_date, max(plan.start_date, held) + dt.timedelta(days=7))
            text = _("Agree the goals with %(name)s in writing (their request: %(text)s)") % {
                "name": plan.employee.name,
                "text": request["text"],
            }
            actions.append(Action(plan=plan, text=text[:500], owner=request["as"], due=due))
        else:
            support.append(
                Support(
                    plan=plan,
                    kind=request["as"],
                    text=request["text"][:500],
                    owner_name=person(plan.owner),
                    due=plan.start_date + dt.timedelta(days=14),
                )
            )
    if plan.template is not None:
        g, a, s = _from_template(plan, plan.template, items)
        goals += g
        actions += a
        support += s
    return goals, actions, support


def _goal_from_item(plan: Plan, item: dict) -> Goal:
    return Goal(
        plan=plan,
        description=item["sentence"],
        metric=item["metric"][:200],
        unit=item["unit"][:30],
        baseline=item["baseline"],
        target=item["target"],
        direction=item["direction"],
        deadline=plan.end_date,
        indicator_id=item["indicator_id"],
        source=item["sentence"][:300],
    )


def _goal_from_strength(plan: Plan, item: dict) -> Goal:
    """Building on a strength: where the person stands now; the target is set with them."""
    return Goal(
        plan=plan,
        description=_("Build on %(strength)s") % {"strength": item["sentence"]},
        metric=item["metric"][:200],
        unit=item["unit"][:30],
        baseline=item["baseline"],
        direction=item["direction"],
        deadline=plan.end_date,
        indicator_id=item["indicator_id"],
        source=item["sentence"][:300],
    )


def _fill(text: str, item: dict | None) -> str:
    values = {
        "indicator": item["name"] if item else BLANK,
        "baseline": f"{item['baseline'].normalize():f}" if item else BLANK,
        "target": f"{item['target'].normalize():f}" if item else BLANK,
        "unit": item["unit"] if item else "",
    }
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def _from_template(plan: Plan, template: PlanTemplate, items: list[dict]):
    """The template's goals with their blanks filled from the improvement item of its indicator."""
    item = next((i for i in items if i["name"] == template.indicator_name), None)
    if item is None and not template.indicator_name and items:
        item = items[0]
    goals = []
    for entry in template.goals:
        weeks = int(entry.get("weeks") or template.weeks)
        goals.append(
            Goal(
                plan=plan,
                description=_fill(entry.get("description", ""), item)[: inputs.TEXT_LIMIT],
                metric=_fill(entry.get("metric", ""), item)[:200],
                unit=_fill(entry.get("unit", ""), item)[:30],
                baseline=item["baseline"] if item else None,
                target=item["target"] if item else None,
                direction=item["direction"] if item else Goal.Direction.UP,
                means=entry.get("means", "")[:500],
                deadline=min(plan.start_date + dt.timedelta(weeks=weeks), plan.end_date),
                indicator_id=item["indicator_id"] if item else None,
                source=(item["sentence"] if item else template.name)[:300],
            )
        )
    actions = [
        Action(plan=plan, text=text[:500], owner=Action.Owner.EMPLOYEE, due=plan.end_date)
        for text in template.actions
    ]
    support = [
        Support(
            plan=plan,
            kind=entry.get("kind", Support.Kind.OTHER),
            text=entry.get("text", "")[:500],
            owner_name=(entry.get("owner") or _("HR"))[:100],
            due=plan.start_date + dt.timedelta(days=14),
        )
        for entry in template.support
    ]
    return goals, actions, support


def _template_entries(goals, actions, support) -> tuple[list, list, list]:
    goals = [
        {
            "description": inputs.text(g.get("description"), _("Goal"), limit=inputs.TEXT_LIMIT),
            "metric": inputs.text(g.get("metric"), _("Metric"), required=False, limit=200),
            "unit": inputs.text(g.get("unit"), _("Unit"), required=False, limit=30),
            "means": inputs.text(g.get("means"), _("Means"), required=False, limit=500),
            **({"weeks": int(g["weeks"])} if g.get("weeks") else {}),
        }
        for g in goals
    ]
    actions = [inputs.text(a, _("Action"), limit=500) for a in actions if (a or "").strip()]
    for entry in support:
        if entry.get("kind") not in Support.Kind.values:
            raise ValidationError(_("Choose the kind of support from the list."), code="invalid")
    support = [
        {"kind": s["kind"], "text": inputs.text(s.get("text"), _("Commitment"), limit=500)}
        | ({"owner": inputs.text(s["owner"], _("Owner"), limit=100)} if s.get("owner") else {})
        for s in support
    ]
    return goals, actions, support


@transaction.atomic
def save_template(
    *,
    by,
    name: str,
    template: PlanTemplate | None = None,
    root_cause: str = "",
    indicator_name: str = "",
    weeks: int = 8,
    goals=(),
    actions=(),
    support=(),
) -> PlanTemplate:
    if not rules.can_manage_templates(by):
        raise PermissionDenied
    name = inputs.text(name, _("Name"), limit=200)
    if PlanTemplate.objects.filter(name=name).exclude(pk=getattr(template, "pk", None)).exists():
        raise ValidationError(_("A template with this name exists already."), code="conflict")
    if root_cause and root_cause not in dict(PlanTemplate._meta.get_field("root_cause").choices):
        raise ValidationError(_("Choose a root cause from the list."), code="invalid")
    if not 1 <= int(weeks) <= 52:
        raise ValidationError(_("A plan lasts 1 to 52 weeks."), code="invalid")
    goals, actions, support = _template_entries(goals, actions, support)
    template = template or PlanTemplate(created_by=by)
    template.name, template.root_cause = name, root_cause
    template.indicator_name = inputs.text(indicator_name, _("Indicator"), required=False, limit=100)
    template.weeks, template.goals, template.actions, template.support = int(weeks), goals, actions, support
    template.save()
    return template


@transaction.atomic
def delete_template(*, template: PlanTemplate, by) -> None:
    if not rules.can_manage_templates(by):
        raise PermissionDenied
    template.delete()


@transaction.atomic
@dataclass(frozen=True)
class BulkPreview:
    """Who a bulk run drafts for (with the owner each plan gets) and who already has a plan."""

    drafted: list  # [(result, owner user id)]
    planned: list  # [result] of people with a plan in the cycle: left alone


def bulk_preview(*, cycle: ReviewCycle, bands, by) -> BulkPreview:
    """What `draft_in_bulk` would do now, changing nothing."""
    if not rules.can_draft_in_bulk(by):
        raise PermissionDenied
    if not bands:
        raise ValidationError(_("Choose at least one band."), code="invalid")
    guards.check_published(cycle)
    has_plan = Plan.objects.filter(cycle=cycle, employee_id=OuterRef("employee_id"))
    results = list(
        Result.objects.filter(cycle=cycle, band__in=list(bands))
        .filter(people_q(by, via="employee__", hr_only=True))  # HR's scope, never their own result
        .annotate(planned=Exists(has_plan))
        .select_related("employee__department")
        .order_by("employee_id")
    )
    fresh = [r for r in results if not r.planned]
    owners = nearest_managers_with_login([r.employee for r in fresh])
    return BulkPreview(
        drafted=[(r, owners.get(r.employee_id, by.pk)) for r in fresh],
        planned=[r for r in results if r.planned],
    )


def draft_in_bulk(*, cycle: ReviewCycle, template: PlanTemplate, bands, by, start_date: dt.date) -> int:
    """A draft plan from the template for everyone in the HR user's scope whose band in the cycle is
    one of `bands`, owned by their manager; people who already have a plan in the cycle are left
    alone, so running it twice drafts nothing new. Each owner is told of their drafts. Returns how
    many plans were drafted."""
    preview = bulk_preview(cycle=cycle, bands=bands, by=by)
    end_date = start_date + dt.timedelta(weeks=template.weeks)
    results = [r for r, _owner in preview.drafted]
    owners = dict((r.employee_id, owner) for r, owner in preview.drafted)
    if not results:
        return 0  # nothing to draft: no run to keep
    run = BulkRun.objects.create(cycle=cycle, template=template, by=by, drafted=len(results))
    plans = [
        Plan(
            bulk_run=run,
            employee=r.employee,
            owner_id=owners.get(r.employee_id, by.pk),
            cycle=cycle,
            result=r,
            template=template,
            title=template.name[:200],
            start_date=start_date,
            end_date=end_date,
        )
        for r in results
    ]
    Plan.objects.bulk_create(plans, batch_size=500)
    goals, actions, support = [], [], []
    for plan, result in zip(plans, results, strict=True):
        plan.result = result
        g, a, s = _from_template(plan, template, sources.improvement_items(result))
        goals += g
        actions += a
        support += s
    Goal.objects.bulk_create(goals, batch_size=1000)
    Action.objects.bulk_create(actions, batch_size=1000)
    Support.objects.bulk_create(support, batch_size=1000)
    for plan in plans:
        events.emit(events.DRAFTED, plan, by)
    return len(plans)


@transaction.atomic
def undo_bulk(*, run: BulkRun, by) -> tuple[int, int]:
    """Take back a wrong bulk run: its drafts nobody has sent yet are deleted (with their goals,
    actions and support); those already sent or active are kept and counted. HR undoes runs of
    their scope. Returns (deleted, kept)."""
    if not rules.can_draft_in_bulk(by):
        raise PermissionDenied
    run = BulkRun.objects.select_for_update().get(pk=run.pk)
    mine = Plan.objects.filter(bulk_run=run).filter(people_q(by, via="employee__", hr_only=True))
    _total, by_model = mine.filter(status=Plan.Status.DRAFT, first_sent_at__isnull=True).delete()
    deleted = by_model.get(Plan._meta.label, 0)
    kept = mine.count()  # what is left of the run in the user's scope: sent, so kept
    run.undone_at = timezone.now()
    run.save(update_fields=["undone_at"])
    return deleted, kept
