"""Improvement plans over the API: the same services and rules as the pages."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Path, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from perfloop import inputs
from perfloop.access import audit
from perfloop.access.policy import visible_employees
from perfloop.api import answers
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, NO_NUL, errors
from perfloop.feedback.models import FeedbackRecord
from perfloop.org.models import Department, Position
from perfloop.org.templatetags.people import person
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
    teams,
)
from perfloop.plans.apps import PLAN_READ
from perfloop.plans.models import Action, Every, Goal, Milestone, Plan, PlanTemplate, Support
from perfloop.reviews.models import Result
from perfloop.reviews.rules import cycles_for

router = Router(tags=["improvement plans"])
PlanStatus = Literal["draft", "active", "closing", "closed", "cancelled"]
ID = Path(..., ge=1, le=MAX_ID)
FIGURE = Field(None, ge=-1e11, le=1e11, allow_inf_nan=False)


def _text(limit: int, required: bool = True):
    return Field(... if required else None, min_length=1 if required else 0, max_length=limit, pattern=NO_NUL)


class PlanRow(Schema):
    id: int
    kind: Literal["improvement", "development"]
    title: str
    status: PlanStatus
    employee_id: int | None  # none for a team plan, whose subject is `department_id`
    department_id: int | None
    employee_no: str
    name: str  # the person's name, or the department's for a team plan
    cycle_id: int | None
    start_date: dt.date
    end_date: dt.date
    awaiting_employee: bool

    # A list reads plans (a person's number and name, or the department's name); a plan's own
    # answer is a dict that has them already.
    @staticmethod
    def resolve_employee_no(plan) -> str:
        if isinstance(plan, dict):
            return plan["employee_no"]
        return "" if plan.is_team else plan.employee.employee_no

    @staticmethod
    def resolve_name(plan) -> str:
        return plan["name"] if isinstance(plan, dict) else plan.subject_name


class GoalOut(Schema):
    id: int
    description: str
    metric: str
    unit: str
    baseline: Decimal | None
    target: Decimal | None
    direction: Literal["up", "down"]
    means: str
    deadline: dt.date | None
    indicator_id: int | None
    source: str
    letters: dict[str, bool]
    missing: list[str]


class ActionOut(Schema):
    id: int
    text: str
    owner: Literal["employee", "manager", "other"]
    owner_name: str
    assignee_id: int | None
    due: dt.date | None
    status: Literal["open", "done", "dropped"]
    done_at: dt.datetime | None


class SupportOut(Schema):
    id: int
    kind: Literal["budget", "mentor", "tools", "time", "stretch", "rotation", "other"]
    text: str
    amount: Decimal | None
    person: str
    owner_name: str
    starts: dt.date | None
    due: dt.date | None
    status: Literal["open", "done", "dropped"]
    done_at: dt.datetime | None


class MilestoneOut(Schema):
    id: int
    goal_id: int | None
    title: str
    due: dt.date
    expected: Decimal | None


class CommentOut(Schema):
    id: int
    text: str
    disagrees: bool
    by: str
    at: dt.datetime


class ScheduledCheckInOut(Schema):
    """A check-in the plan's cadence schedules (those held are the tracking wing's `CheckInOut`)."""

    kind: Literal["brief", "formal"]
    on: dt.date
    minutes: int


class AdjustmentOut(Schema):
    id: int
    at: dt.datetime
    by: str
    reason: str
    what: Literal["plan", "goal", "action", "support", "milestone"]
    item_id: int | None
    label: str
    change: Literal["added", "changed", "removed"]
    old: dict[str, str | None]
    new: dict[str, str | None]
    needs_ack: bool
    acknowledged_at: dt.datetime | None


class PlanOut(PlanRow):
    employee_no: str
    name: str
    department: str
    owner: str
    result_id: int | None
    feedback_id: int | None
    template_id: int | None
    target_position: str | None  # a development plan's aim
    brief_every: Literal["week", "two_weeks", "month"]
    brief_minutes: int
    formal_every: Literal["week", "two_weeks", "month"]
    formal_minutes: int
    submitted_at: dt.datetime | None
    acknowledged_at: dt.datetime | None
    unmet: list[str]
    goals: list[GoalOut]
    actions: list[ActionOut]
    support: list[SupportOut]
    milestones: list[MilestoneOut]
    comments: list[CommentOut]
    check_ins: list[ScheduledCheckInOut]
    # Changes once active, with the old values; those to a goal wait for the employee's acknowledgement.
    adjustments: list[AdjustmentOut]
    changes_to_acknowledge: int
    # Filled by the follow-up stage: on_track, off_track or no_data (active plans), and why;
    # a closed plan's result and outcome.
    track: Literal["on_track", "off_track", "no_data"] | None = None
    status_reason: str = ""
    closure_result: Literal["met", "partly_met", "not_met"] | None = None
    outcome: Literal["promotion_candidate", "raise_candidate", "extend", "role_change", "none"] | None = None


class CadenceIn(Schema):
    brief_every: Every | None = None
    brief_minutes: int | None = Field(None, ge=5, le=480)
    formal_every: Every | None = None
    formal_minutes: int | None = Field(None, ge=5, le=480)


class PlanIn(CadenceIn):
    employee: int = Field(ge=1, le=MAX_ID)
    kind: Literal["improvement", "development"] = "improvement"
    target_position: int | None = Field(None, ge=1, le=MAX_ID, description="A development plan's aim.")
    title: str = _text(200)
    start_date: dt.date
    end_date: dt.date
    result: int | None = Field(None, ge=1, le=MAX_ID, description="The review result it answers.")
    feedback: int | None = Field(None, ge=1, le=MAX_ID, description="The feedback record it follows.")
    template: int | None = Field(None, ge=1, le=MAX_ID)
    chosen: list[str] = Field(
        [],
        max_length=100,
        description='Sources to draft from, as listed by the plan page: "indicator:<id>", "request:<id>"; '
        'for a development plan "strength:<id>", "request:<id>", "wish:<id>".',
    )


class PlanPatch(CadenceIn):
    reason: str = Field("", max_length=500, pattern=NO_NUL)  # why an active plan changes
    title: str | None = Field(None, min_length=1, max_length=200, pattern=NO_NUL)
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class GoalIn(Schema):
    reason: str = Field("", max_length=500, pattern=NO_NUL)  # why an active plan changes
    description: str = _text(inputs.TEXT_LIMIT)
    metric: str = Field("", max_length=200, pattern=NO_NUL)
    unit: str = Field("", max_length=30, pattern=NO_NUL)
    baseline: float | None = FIGURE
    target: float | None = FIGURE
    direction: Literal["up", "down"] = "up"
    means: str = Field("", max_length=500, pattern=NO_NUL)
    deadline: dt.date | None = None
    indicator_id: int | None = Field(None, ge=1, le=MAX_ID)
    source: str = Field("", max_length=300, pattern=NO_NUL)


class GoalPatch(Schema):
    reason: str = Field("", max_length=500, pattern=NO_NUL)  # why an active plan changes
    description: str | None = Field(None, min_length=1, max_length=inputs.TEXT_LIMIT, pattern=NO_NUL)
    metric: str | None = Field(None, max_length=200, pattern=NO_NUL)
    unit: str | None = Field(None, max_length=30, pattern=NO_NUL)
    baseline: float | None = FIGURE
    target: float | None = FIGURE
    direction: Literal["up", "down"] | None = None
    means: str | None = Field(None, max_length=500, pattern=NO_NUL)
    deadline: dt.date | None = None
    source: str | None = Field(None, max_length=300, pattern=NO_NUL)


class ActionIn(Schema):
    reason: str = Field("", max_length=500, pattern=NO_NUL)  # why an active plan changes
    text: str = _text(500)
    owner: Literal["employee", "manager", "other"] = "employee"
    owner_name: str = Field("", max_length=100, pattern=NO_NUL)
    assignee: str = Field(
        "",
        max_length=32,
        pattern=NO_NUL,
        description="On a team plan: the employee number of the person it is assigned to.",
    )
    due: dt.date | None = None


class SupportIn(Schema):
    reason: str = Field("", max_length=500, pattern=NO_NUL)  # why an active plan changes
    kind: Literal["budget", "mentor", "tools", "time", "stretch", "rotation", "other"]
    text: str = _text(500)
    owner_name: str = _text(100)
    amount: float | None = Field(None, ge=0, le=1e11, allow_inf_nan=False)
    person: str = Field("", max_length=100, pattern=NO_NUL)
    starts: dt.date | None = None  # a rotation or stretch assignment: from `starts` to `due`
    due: dt.date | None = None


class MilestoneIn(Schema):
    reason: str = Field("", max_length=500, pattern=NO_NUL)  # why an active plan changes
    title: str = _text(300)
    due: dt.date
    goal_id: int | None = Field(None, ge=1, le=MAX_ID)
    expected: float | None = FIGURE


class StatusIn(Schema):
    status: Literal["open", "done", "dropped"]


class CommentIn(Schema):
    text: str = _text(inputs.TEXT_LIMIT)
    disagrees: bool = False


class ParseIn(Schema):
    text: str = Field(max_length=1000, pattern=NO_NUL)
    lang: Literal["auto", "zh", "en"] = "auto"
    today: str | None = Field(
        None,
        strict=True,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        description="Resolve relative periods from this date, YYYY-MM-DD (default: today).",
    )


class ParseOut(Schema):
    specific: bool
    measurable: bool
    achievable: bool
    relevant: bool
    time_bound: bool
    metric: str | None
    unit: str | None
    baseline: float | None
    target: float | None
    direction: Literal["up", "down"] | None
    deadline: dt.date | None
    means: str | None
    missing: list[Literal["S", "M", "A", "R", "T"]]
    ask: list[str]
    lang: Literal["zh", "en"]


class PlanFilter(Schema):
    status: PlanStatus | None = None
    employee: int | None = Field(None, ge=1, le=MAX_ID)
    cycle: int | None = Field(None, ge=1, le=MAX_ID)


def _goal(goal: Goal) -> dict:
    return {
        **{name: getattr(goal, name) for name in GoalOut.model_fields if name not in ("letters", "missing")},
        "letters": goal.letters(),
        "missing": goal.missing,
    }


def vars_of(adjustment) -> dict:
    return {name: getattr(adjustment, name) for name in AdjustmentOut.model_fields if name != "by"}


def body(plan: Plan, user=None) -> dict:
    adjustments = selectors.adjustments(plan)
    answer = {
        **{name: getattr(plan, name) for name in PlanRow.model_fields if name not in ("employee_no", "name")},
        "employee_no": "" if plan.is_team else plan.employee.employee_no,
        "name": plan.subject_name,
        "department": (plan.department if plan.is_team else plan.employee.department).name,
        "owner": person(plan.owner),
        "result_id": plan.result_id,
        "feedback_id": plan.feedback_id,
        "template_id": plan.template_id,
        "target_position": plan.target_position.name if plan.target_position_id else None,
        "brief_every": plan.brief_every,
        "brief_minutes": plan.brief_minutes,
        "formal_every": plan.formal_every,
        "formal_minutes": plan.formal_minutes,
        "submitted_at": plan.submitted_at,
        "acknowledged_at": plan.acknowledged_at,
        "unmet": lifecycle.unmet(plan) if plan.status == Plan.Status.DRAFT else [],
        "goals": [_goal(g) for g in plan.goals.all()],
        "actions": list(plan.actions.all()),
        "support": list(plan.support.all()),
        "milestones": list(plan.milestones.all()),
        "comments": [
            {
                "id": c.id,
                "text": c.text,
                "disagrees": c.disagrees,
                "by": person(c.author),
                "at": c.at,
            }
            for c in plan.comments.all()
        ],
        "check_ins": [vars(c) for c in cadence.check_ins(plan)],
        "adjustments": [{**vars_of(a), "by": person(a.by)} for a in adjustments],
        "changes_to_acknowledge": sum(1 for a in adjustments if a.needs_ack and a.acknowledged_at is None),
    }
    for fields in registry.PLAN_FIELDS:
        answer.update(fields(plan, user))
    return answer


def _find(request, plan_id: int) -> Plan | None:
    return selectors.plan_for(request.user, plan_id)


def _answer(request, plan_id: int):
    """The plan as a write leaves it: an opening like any other (logged when it is someone else's)."""
    plan = _find(request, plan_id)
    guards.log_opened(plan=plan, by=request.user, what=PLAN_READ, via=audit.Via.API)
    return body(plan, request.user)


def _act(request, plan_id: int, action, status: int = 200):
    plan = _find(request, plan_id)
    if plan is None:
        return answers.not_found()
    try:
        action(plan)  # one service: its own transaction
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return Status(status, _answer(request, plan_id))


@router.get("/plans", response={200: list[PlanRow], **errors(401, 422)}, url_name="plans")
@paginate(Pages, page_size=100)
def plans(request, filters: Query[PlanFilter]):
    """Plans the caller sees: their own, their team's, their HR scope's; newest first."""
    found = selectors.plans_for(request.user, status=filters.status or "", employee_id=filters.employee)
    if filters.cycle:
        found = found.filter(cycle_id=filters.cycle)
    return found


@router.post(
    "/plans", response={201: PlanOut, **errors(400, 401, 403, 404, 409, 422)}, url_name="plan_create"
)
def plan_create(request, payload: PlanIn):
    """A draft plan for a person in the caller's reach, drafted from the chosen sources and template."""
    employee = (
        visible_employees(request.user).select_related("department").filter(pk=payload.employee).first()
    )
    if employee is None:
        return answers.not_found()
    if not rules.can_write(request.user, employee):
        return answers.forbidden()
    result = feedback = template = None
    if payload.result:
        result = (
            Result.objects.filter(pk=payload.result, employee=employee)
            .select_related("employee__department")
            .first()
        )
    if payload.feedback:
        feedback = FeedbackRecord.objects.filter(pk=payload.feedback, employee=employee).first()
    if payload.template:
        template = PlanTemplate.objects.filter(pk=payload.template).first()
    position = (
        Position.objects.filter(pk=payload.target_position).first() if payload.target_position else None
    )
    if (
        (payload.result and result is None)
        or (payload.feedback and feedback is None)
        or (payload.template and template is None)
        or (payload.target_position and position is None)
    ):
        return answers.not_found()
    try:
        plan = drafting.create(
            employee=employee,
            by=request.user,
            title=payload.title,
            start_date=payload.start_date,
            end_date=payload.end_date,
            result=result,
            feedback=feedback,
            template=template,
            chosen=payload.chosen,
            cadence=payload.dict(include=set(CadenceIn.model_fields), exclude_none=True),
            kind=payload.kind,
            target_position=position,
        )
    except ValidationError as error:
        return answers.refused(error)
    return Status(201, _answer(request, plan.pk))


@router.get("/plans/{plan_id}", response={200: PlanOut, **errors(401, 404, 422)}, url_name="plan")
def plan(request, plan_id: int = ID):
    found = _find(request, plan_id)
    if found is None:
        return answers.not_found()
    guards.log_opened(plan=found, by=request.user, what=PLAN_READ, via=audit.Via.API)
    return body(found, request.user)


WRITE = {200: PlanOut, **errors(400, 401, 403, 404, 409, 422)}
CREATED = {201: PlanOut, **errors(400, 401, 403, 404, 409, 422)}


@router.patch("/plans/{plan_id}", response=WRITE, url_name="plan_update")
def plan_update(request, payload: PlanPatch, plan_id: int = ID):
    """The plan's title, dates and cadence (goals and items have their own operations)."""
    return _act(
        request,
        plan_id,
        lambda p: editing.update(plan=p, by=request.user, **payload.dict(exclude_none=True)),
    )


@router.post("/plans/{plan_id}/goals", response=CREATED, url_name="plan_goals")
def plan_goals(request, payload: GoalIn, plan_id: int = ID):
    return _act(request, plan_id, lambda p: editing.add_goal(plan=p, by=request.user, **payload.dict()), 201)


@router.patch("/plans/{plan_id}/goals/{goal_id}", response=WRITE, url_name="plan_goal")
def plan_goal(request, payload: GoalPatch, plan_id: int = ID, goal_id: int = ID):
    """Change a goal's fields (those sent; null clears a figure or the deadline)."""

    def change(plan):
        goal = plan.goals.filter(pk=goal_id).first()
        if goal is None:
            raise ValidationError(_("This goal is not on the plan."), code="invalid")
        editing.update_goal(goal=goal, by=request.user, **payload.dict(exclude_unset=True))

    return _act(request, plan_id, change)


@router.post("/plans/{plan_id}/actions", response=CREATED, url_name="plan_actions")
def plan_actions(request, payload: ActionIn, plan_id: int = ID):
    return _act(
        request, plan_id, lambda p: editing.add_action(plan=p, by=request.user, **payload.dict()), 201
    )


@router.patch("/plans/{plan_id}/actions/{action_id}", response=WRITE, url_name="plan_action")
def plan_action(request, payload: StatusIn, plan_id: int = ID, action_id: int = ID):
    """Tick an action off (the employee their own; those who own the plan any)."""

    def change(plan):
        action = Action.objects.select_related("plan__employee").filter(plan=plan, pk=action_id).first()
        if action is None:
            raise ValidationError(_("This action is not on the plan."), code="invalid")
        editing.mark_action(action=action, by=request.user, status=payload.status)

    return _act(request, plan_id, change)


@router.post("/plans/{plan_id}/support", response=CREATED, url_name="plan_support")
def plan_support(request, payload: SupportIn, plan_id: int = ID):
    return _act(
        request, plan_id, lambda p: editing.add_support(plan=p, by=request.user, **payload.dict()), 201
    )


@router.patch("/plans/{plan_id}/support/{support_id}", response=WRITE, url_name="plan_support_item")
def plan_support_item(request, payload: StatusIn, plan_id: int = ID, support_id: int = ID):
    def change(plan):
        support = Support.objects.select_related("plan__employee").filter(plan=plan, pk=support_id).first()
        if support is None:
            raise ValidationError(_("This commitment is not on the plan."), code="invalid")
        editing.mark_support(support=support, by=request.user, status=payload.status)

    return _act(request, plan_id, change)


@router.post("/plans/{plan_id}/milestones", response=CREATED, url_name="plan_milestones")
def plan_milestones(request, payload: MilestoneIn, plan_id: int = ID):
    return _act(
        request, plan_id, lambda p: editing.add_milestone(plan=p, by=request.user, **payload.dict()), 201
    )


class TeamPlanIn(Schema):
    department: int = Field(ge=1, le=MAX_ID)
    cycle: int = Field(ge=1, le=MAX_ID, description="A published cycle the department's figure is read from.")
    indicator: str = Field(
        min_length=1, max_length=100, pattern=NO_NUL, description="The common problem's indicator."
    )


@router.post(
    "/team-plans",
    response={201: PlanOut, **errors(400, 401, 403, 404, 409, 422)},
    url_name="team_plan_create",
)
def team_plan_create(request, payload: TeamPlanIn):
    """A draft team plan on a common problem of a department the caller's rights reach whole: its
    first goal is the department's share meeting the indicator in the cycle, to be raised."""
    department = Department.objects.filter(pk=payload.department).first()
    cycle = cycles_for(request.user).filter(pk=payload.cycle).first()
    if department is None or cycle is None:
        return answers.not_found()
    try:
        plan = teams.draft(
            by=request.user, department=department, cycle=cycle, indicator=payload.indicator,
            today=timezone.localdate(),
        )  # fmt: skip
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return Status(201, _answer(request, plan.pk))


@router.post("/plans/{plan_id}/start", response=WRITE, url_name="plan_start")
def plan_start(request, plan_id: int = ID):
    """Start a team plan's draft (refused while a goal is not measurable or time-bound)."""
    return _act(request, plan_id, lambda p: lifecycle.start(plan=p, by=request.user))


@router.post("/plans/{plan_id}/submit", response=WRITE, url_name="plan_submit")
def plan_submit(request, plan_id: int = ID):
    """Send the draft to the employee (refused while a goal is not measurable or time-bound)."""
    return _act(request, plan_id, lambda p: lifecycle.submit(plan=p, by=request.user))


@router.post(
    "/plans/{plan_id}/adjustments/acknowledge", response=WRITE, url_name="plan_adjustments_acknowledge"
)
def plan_adjustments_acknowledge(request, plan_id: int = ID):
    """The employee acknowledges the changes made to their goals since the plan became active."""
    return _act(request, plan_id, lambda p: lifecycle.acknowledge_changes(plan=p, by=request.user))


@router.post("/plans/{plan_id}/acknowledge", response=WRITE, url_name="plan_acknowledge")
def plan_acknowledge(request, plan_id: int = ID):
    """The employee agrees to the plan sent to them: it becomes active."""
    return _act(request, plan_id, lambda p: lifecycle.acknowledge(plan=p, by=request.user))


@router.post("/plans/{plan_id}/comment", response=CREATED, url_name="plan_comment")
def plan_comment(request, payload: CommentIn, plan_id: int = ID):
    """A comment; the employee's disagreement (disagrees=true) sends the draft back to the manager."""
    return _act(
        request,
        plan_id,
        lambda p: lifecycle.comment(plan=p, by=request.user, text=payload.text, disagrees=payload.disagrees),
        201,
    )


@router.get(
    "/plans/{plan_id}/document",
    response={200: str, **errors(401, 404, 422)},
    url_name="plan_document",
    openapi_extra={
        "responses": {
            200: {
                "content": {
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                    documents.CONTENT_TYPES["docx"]: {"schema": {"type": "string", "format": "binary"}},
                }
            }
        }
    },
)
def plan_document(request, format: Literal["docx", "pdf"] = "pdf", plan_id: int = ID):
    """The plan (员工绩效改进计划) as DOCX or PDF, in the caller's language."""
    found = _find(request, plan_id)
    if found is None:
        return answers.not_found()
    guards.log_opened(plan=found, by=request.user, what=PLAN_READ, via=audit.Via.API)
    return documents.response(found, format)


@router.get(
    "/plans/{plan_id}/checkins.ics",
    response={200: str, **errors(401, 404, 422)},
    url_name="plan_checkins",
    openapi_extra={"responses": {200: {"content": {"text/calendar": {"schema": {"type": "string"}}}}}},
)
def plan_checkins(request, plan_id: int = ID):
    """The check-ins of the plan's cadence as recurring events (RRULE), for the employee and the owner."""
    found = _find(request, plan_id)
    if found is None:
        return answers.not_found()
    guards.log_opened(plan=found, by=request.user, what=PLAN_READ, via=audit.Via.API)
    return cadence.ics_response(found)


@router.post("/goals/parse", response={200: ParseOut, **errors(400, 401, 422)}, url_name="goal_parse")
def goal_parse(request, payload: ParseIn):
    """A goal typed as one sentence, parsed into its fields, with the SMART letters it meets."""
    try:
        today = dt.date.fromisoformat(payload.today) if payload.today else timezone.localdate()
    except ValueError:
        return Status(400, {"detail": _("today: not a date.")})
    return smart.parse(payload.text, payload.lang, today).as_dict()


# Taking things off a plan, withdrawing it; templates and drafting in bulk, as on HR's pages.

REASON = Query("", max_length=1000, description="Why (asked once the employee has seen the plan).")
ITEMS = {"action": Action, "support": Support, "milestone": Milestone}


class WithdrawIn(Schema):
    reason: str = Field("", max_length=1000, pattern=NO_NUL)


@router.delete("/plans/{plan_id}/goals/{goal_id}", response=WRITE, url_name="plan_goal_remove")
def plan_goal_remove(request, plan_id: int = ID, goal_id: int = ID, reason: str = REASON):
    goal = Goal.objects.filter(plan_id=plan_id, pk=goal_id).first()
    if goal is None:
        return answers.not_found()
    return _act(request, plan_id, lambda p: editing.remove_goal(goal=goal, by=request.user, reason=reason))


@router.delete("/plans/{plan_id}/items/{kind}/{item_id}", response=WRITE, url_name="plan_item_remove")
def plan_item_remove(
    request, kind: Literal["action", "support", "milestone"], plan_id: int = ID, item_id: int = ID,
    reason: str = REASON,
):  # fmt: skip
    """Take an action, a support commitment or a milestone off the plan."""
    item = ITEMS[kind].objects.select_related("plan__employee").filter(plan_id=plan_id, pk=item_id).first()
    if item is None:
        return answers.not_found()
    return _act(request, plan_id, lambda p: editing.remove_item(item=item, by=request.user, reason=reason))


@router.post(
    "/plans/{plan_id}/withdraw", response={204: None, **WRITE}, url_name="plan_withdraw",
)  # fmt: skip
def plan_withdraw(request, payload: WithdrawIn, plan_id: int = ID):
    """Withdraw a draft: deleted if the employee never saw it (204), else cancelled with the reason
    they read (the plan)."""
    plan = _find(request, plan_id)
    if plan is None:
        return answers.not_found()
    try:
        kept = lifecycle.withdraw(plan=plan, by=request.user, reason=payload.reason)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return HttpResponse(status=204) if kept is None else _answer(request, plan_id)


class PlanTemplateOut(Schema):
    id: int
    name: str
    weeks: int


@router.get(
    "/plan-templates", response={200: list[PlanTemplateOut], **errors(401, 403)}, url_name="plan_templates"
)
def plan_templates(request):
    if not rules.can_draft_in_bulk(request.user) and not rules.can_manage_templates(request.user):
        return answers.forbidden()
    return list(PlanTemplate.objects.order_by("name"))


@router.delete(
    "/plan-templates/{template_id}", response={204: None, **errors(401, 403, 404, 422)},
    url_name="plan_template_remove",
)  # fmt: skip
def plan_template_remove(request, template_id: int = ID):
    if not rules.can_manage_templates(request.user):
        return answers.forbidden()
    template = PlanTemplate.objects.filter(pk=template_id).first()
    if template is None:
        return answers.not_found()
    drafting.delete_template(template=template, by=request.user)
    return HttpResponse(status=204)


class BulkIn(Schema):
    cycle: int = Field(..., ge=1, le=MAX_ID)
    template: int = Field(..., ge=1, le=MAX_ID)
    bands: list[Literal["excellent", "good", "satisfactory", "needs_improvement", "unsatisfactory"]]
    start_date: dt.date
    dry_run: bool = False


class BulkOut(Schema):
    drafted: int  # plans drafted (or, in a dry run, that would be)
    already_planned: int  # people with a plan in the cycle: left alone
    run_id: int | None  # to undo the run


class UndoneOut(Schema):
    deleted: int
    kept: int  # already sent to their employees: cancel each on its page if wrong


@router.post(
    "/plan-bulk-runs", response={200: BulkOut, **errors(400, 401, 403, 404, 409, 422)}, url_name="plans_bulk"
)
def plans_bulk(request, payload: BulkIn):
    """A draft plan from the template for everyone in the caller's HR scope whose band in the cycle
    is one of `bands`, owned by their manager; `dry_run` says who, drafting nothing."""
    from perfloop.plans.models import BulkRun

    if not rules.can_draft_in_bulk(request.user):
        return answers.forbidden()
    cycle = cycles_for(request.user).filter(pk=payload.cycle).first()
    template = PlanTemplate.objects.filter(pk=payload.template).first()
    if cycle is None or template is None:
        return answers.not_found()
    try:
        preview = drafting.bulk_preview(cycle=cycle, bands=payload.bands, by=request.user)
        if payload.dry_run:
            return {"drafted": len(preview.drafted), "already_planned": len(preview.planned), "run_id": None}
        count = drafting.draft_in_bulk(
            cycle=cycle,
            template=template,
            bands=payload.bands,
            by=request.user,
            start_date=payload.start_date,
        )
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    run = BulkRun.objects.filter(by=request.user, cycle=cycle).order_by("-pk").first() if count else None
    return {"drafted": count, "already_planned": len(preview.planned), "run_id": run.pk if run else None}


@router.post(
    "/plan-bulk-runs/{run_id}/undo",
    response={200: UndoneOut, **errors(401, 403, 404, 422)},
    url_name="plans_bulk_undo",
)
def plans_bulk_undo(request, run_id: int = ID):
    """Undo a bulk run of one's own: its drafts nobody has sent yet are deleted."""
    from perfloop.plans.models import BulkRun

    if not rules.can_draft_in_bulk(request.user):
        return answers.forbidden()
    run = BulkRun.objects.filter(pk=run_id, by=request.user, undone_at__isnull=True).first()
    if run is None:
        return answers.not_found()
    deleted, kept = drafting.undo_bulk(run=run, by=request.user)
    return {"deleted": deleted, "kept": kept}


class TemplateGoalIn(Schema):
    description: str = Field(
        ...,
        min_length=1,
        max_length=2000,
        pattern=NO_NUL,
        description="May name {indicator}, {baseline}, {target}, {unit}.",
    )
    metric: str = Field("", max_length=200, pattern=NO_NUL)
    unit: str = Field("", max_length=30, pattern=NO_NUL)
    means: str = Field("", max_length=500, pattern=NO_NUL)
    weeks: int | None = Field(None, ge=1, le=52)


class TemplateSupportIn(Schema):
    kind: Literal["budget", "mentor", "tools", "time", "other"]  # no dated support in a template
    text: str = Field(..., min_length=1, max_length=500, pattern=NO_NUL)
    owner: str = Field("", max_length=100, pattern=NO_NUL)


class PlanTemplateIn(Schema):
    name: str = Field(..., min_length=1, max_length=200, pattern=NO_NUL)
    root_cause: Literal[
        "", "resources", "skills", "goals", "environment", "workload", "motivation", "other"
    ] = ""
    indicator_name: str = Field("", max_length=100, pattern=NO_NUL)
    weeks: int = Field(8, ge=1, le=52)
    goals: list[TemplateGoalIn] = Field([], max_length=20)
    actions: list[str] = Field([], max_length=50)
    support: list[TemplateSupportIn] = Field([], max_length=20)


class PlanTemplateFullOut(PlanTemplateIn):
    id: int


def _template_saved(request, payload: PlanTemplateIn, template=None, status=200):
    entries = payload.dict()
    entries["goals"] = [{k: v for k, v in g.items() if v is not None} for g in entries["goals"]]
    try:
        saved = drafting.save_template(by=request.user, template=template, **entries)
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return Status(status, saved)


@router.post(
    "/plan-templates",
    response={201: PlanTemplateFullOut, **errors(400, 401, 403, 409, 422)},
    url_name="plan_templates_add",
)
def plan_template_add(request, payload: PlanTemplateIn):
    """A plan template: goals (with placeholders the person's result fills), actions, support."""
    return _template_saved(request, payload, status=201)


@router.put(
    "/plan-templates/{template_id}", response={200: PlanTemplateFullOut, **errors(400, 401, 403, 404, 409, 422)},
    url_name="plan_template_change",
)  # fmt: skip
def plan_template_change(request, payload: PlanTemplateIn, template_id: int = ID):
    if not rules.can_manage_templates(request.user):
        return answers.forbidden()
    template = PlanTemplate.objects.filter(pk=template_id).first()
    if template is None:
        return answers.not_found()
    return _template_saved(request, payload, template)
