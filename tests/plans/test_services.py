"""The plan's rules, through its services, on the database."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from perfloop.access.models import HRAssignment
from perfloop.plans import drafting, editing, events, lifecycle
from perfloop.plans.models import Action, Goal, Plan, PlanTemplate, Support
from perfloop.reviews.models import Result, ReviewCycle
from tests.plans.conftest import END, START, ready

pytestmark = pytest.mark.django_db


def test_a_plan_drafts_its_goals_and_support_from_the_result_and_the_conversation(plan):
    goals = {g.metric: g for g in plan.goals.all()}
    # 刘洋 falls short on 代码交付 (95 of 100), 缺陷率 (2.5% against 2%) and 产品知识 (63.33 of 80).
    assert set(goals) == {"代码交付", "缺陷率", "产品知识"}
    delivery = goals["代码交付"]
    assert (delivery.baseline, delivery.target, delivery.linked) == (
        Decimal("95.00"),
        Decimal("100.00"),
        True,
    )
    assert delivery.indicator_id is not None and delivery.deadline == END
    knowledge = goals["产品知识"]
    assert (knowledge.unit, knowledge.baseline, knowledge.target) == (
        "分",
        Decimal("63.33"),
        Decimal("80.00"),
    )
    assert goals["缺陷率"].direction == Goal.Direction.DOWN  # lower is better
    # Requests: training becomes the company's support, goal clarity the manager's action.
    (support,) = plan.support.all()
    assert (support.kind, support.text) == (Support.Kind.BUDGET, "参加产品培训")
    (action,) = plan.actions.all()
    assert (action.owner, action.text) == (
        Action.Owner.MANAGER, "Agree the goals with 刘洋 in writing (their request: 明确季度目标)"
    )  # fmt: skip
    assert action.due == dt.date(2023, 10, 23)  # a week after the conversation of 10 October
    assert plan.cycle_id == plan.result.cycle_id and plan.status == Plan.Status.DRAFT


def test_a_goal_missing_m_or_t_keeps_the_plan_from_being_sent_or_activated(plan, org):
    manager = org.user("manager")
    goal = plan.goals.first()
    editing.update_goal(goal=goal, by=manager, target=None)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        lifecycle.submit(plan=plan, by=manager)
    assert "Goal 1: give it a target figure (measurable)." in refused.value.messages
    editing.update_goal(goal=goal, by=manager, target="100", deadline=None)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        lifecycle.submit(plan=plan, by=manager)
    assert "目标1：请填写截止日期（有时限）。" in refused.value.messages
    plan.refresh_from_db()
    assert plan.submitted_at is None
    # Sent while complete, then a goal loses its target: the employee cannot activate it.
    editing.update_goal(goal=goal, by=manager, deadline=END)
    lifecycle.submit(plan=plan, by=manager)
    editing.update_goal(goal=goal, by=manager, target=None)
    with pytest.raises(ValidationError):
        lifecycle.acknowledge(plan=plan, by=org.user("employee"))
    plan.refresh_from_db()
    assert plan.status == Plan.Status.DRAFT


def test_the_employee_disagrees_then_acknowledges(plan, org, django_capture_on_commit_callbacks):
    heard = []

    def listener(sender, kind, plan_id, by_user_id, **kw):
        heard.append((kind, plan_id))

    events.plan_event.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            plan = ready(plan, org)
            assert plan.awaiting_employee
            lifecycle.comment(plan=plan, by=org.user("employee"), text="目标太高", disagrees=True)
        plan.refresh_from_db()
        assert not plan.awaiting_employee  # back with the manager
        with pytest.raises(ValidationError):
            lifecycle.acknowledge(plan=plan, by=org.user("employee"))
        with django_capture_on_commit_callbacks(execute=True):
            lifecycle.comment(plan=plan, by=org.user("manager"), text="调整为80分")
            lifecycle.submit(plan=plan, by=org.user("manager"))
            lifecycle.acknowledge(plan=plan, by=org.user("employee"))
    finally:
        events.plan_event.disconnect(listener)
    plan.refresh_from_db()
    assert plan.status == Plan.Status.ACTIVE and plan.acknowledged_at is not None
    assert [k for k, _ in heard] == ["submitted", "disagreed", "commented", "submitted", "acknowledged"]
    assert [c.disagrees for c in plan.comments.all()] == [True, False]


def test_only_those_reaching_the_person_write_the_plan(plan, org):
    for role in ("employee", "other_manager", "hr_out_of_scope", "admin"):
        with pytest.raises(PermissionDenied):
            editing.add_goal(plan=plan, by=org.user(role), description="x")
        with pytest.raises(PermissionDenied):
            drafting.create(
                employee=org.employee, by=org.user(role), title="x", start_date=START, end_date=END
            )
    editing.add_goal(plan=plan, by=org.user("hr_in_scope"), description="HR 补充", target="1", deadline=END)
    with pytest.raises(PermissionDenied):  # only the employee acknowledges
        lifecycle.acknowledge(plan=ready(plan, org), by=org.user("manager"))


def test_hr_does_not_write_their_own_plan(org):
    """刘洋 made HR over their own department still cannot draft their own plan."""
    HRAssignment.objects.create(user=org.user("employee"), department=org.rd)
    with pytest.raises(PermissionDenied):
        drafting.create(
            employee=org.employee, by=org.user("employee"), title="x", start_date=START, end_date=END
        )


def test_the_employee_ticks_off_their_own_actions_once_the_plan_is_active(plan, org):
    manager, employee = org.user("manager"), org.user("employee")
    mine = editing.add_action(plan=plan, by=manager, text="完成5个客户案例分析", owner="employee", due=END)
    theirs = plan.actions.get(owner=Action.Owner.MANAGER)
    with pytest.raises(PermissionDenied):  # still a draft
        editing.mark_action(action=mine, by=employee, status="done")
    plan = ready(plan, org)
    lifecycle.acknowledge(plan=plan, by=employee)
    mine.plan.refresh_from_db()
    editing.mark_action(action=mine, by=employee, status="done")
    mine.refresh_from_db()
    assert mine.status == "done" and mine.done_at is not None
    theirs.plan.refresh_from_db()
    with pytest.raises(PermissionDenied):  # the manager's action is the manager's to tick
        editing.mark_action(action=theirs, by=employee, status="done")


@pytest.mark.parametrize(
    "write",
    [
        lambda plan, by: editing.add_goal(
            plan=plan, by=by, description="x", deadline=END + dt.timedelta(days=1)
        ),
        lambda plan, by: editing.add_action(plan=plan, by=by, text="x", due=START - dt.timedelta(days=1)),
        lambda plan, by: editing.add_milestone(plan=plan, by=by, title="x", due=END + dt.timedelta(days=1)),
        lambda plan, by: editing.add_support(plan=plan, by=by, kind="mentor", text="导师", owner_name="HR"),
        lambda plan, by: editing.add_support(plan=plan, by=by, kind="nope", text="x", owner_name="HR"),
        lambda plan, by: editing.add_action(plan=plan, by=by, text="x", owner="other"),
        lambda plan, by: editing.add_goal(plan=plan, by=by, description="x", target="1e400"),
        lambda plan, by: editing.add_goal(plan=plan, by=by, description=" "),
        lambda plan, by: editing.update(plan=plan, by=by, end_date=START - dt.timedelta(days=1)),
        lambda plan, by: editing.update(plan=plan, by=by, end_date=START + dt.timedelta(days=400)),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(plan, org, write):
    before = (plan.goals.count(), plan.actions.count(), plan.milestones.count(), plan.support.count())
    with pytest.raises(ValidationError):
        write(plan, org.user("manager"))
    plan = Plan.objects.get(pk=plan.pk)
    assert (plan.goals.count(), plan.actions.count(), plan.milestones.count(), plan.support.count()) == before
    assert (plan.start_date, plan.end_date) == (START, END)


def test_a_goal_links_only_to_an_indicator_of_the_plans_own_result(plan, org):
    goal = editing.add_goal(plan=plan, by=org.user("manager"), description="x", indicator_id=987654)
    assert goal.indicator_id is None


def template(org, **fields) -> PlanTemplate:
    return drafting.save_template(
        by=org.user("hr_in_scope"),
        name="能力不足：专项学习提升",
        root_cause="skills",
        indicator_name="产品知识",
        weeks=4,
        goals=[
            {
                "description": "使{indicator}从{baseline}{unit}提升至{target}{unit}",
                "metric": "{indicator}",
                "unit": "{unit}",
                "means": "每周2次学习",
            }
        ],  # fmt: skip
        actions=["参加公司产品培训课程", "完成5个客户案例分析"],
        support=[{"kind": "mentor", "text": "安排导师"}],
        **fields,
    )


def test_a_template_fills_its_blanks_from_the_persons_improvement_item(record, org):
    used = template(org)
    plan = drafting.create(
        employee=org.employee, by=org.user("manager"), title="x", start_date=START, end_date=END,
        result=record.result, template=used,
    )  # fmt: skip
    (goal,) = plan.goals.all()
    assert goal.description == "使产品知识从63.33分提升至80分"
    assert (goal.metric, goal.unit, goal.target, goal.means) == (
        "产品知识",
        "分",
        Decimal("80.00"),
        "每周2次学习",
    )
    assert goal.deadline == START + dt.timedelta(weeks=4) and goal.missing == []
    assert [a.text for a in plan.actions.all()] == ["参加公司产品培训课程", "完成5个客户案例分析"]
    assert plan.support.get().kind == "mentor"


def test_only_hr_keeps_templates(org):
    with pytest.raises(PermissionDenied):
        drafting.save_template(by=org.user("manager"), name="x")
    template(org)
    with pytest.raises(ValidationError):  # the same name twice
        template(org)


def test_bulk_drafting_makes_one_draft_per_person_in_the_bands_and_nothing_twice(scored, org):
    Result.objects.filter(cycle=scored, employee=org.employee).update(band="needs_improvement")
    Result.objects.exclude(employee=org.employee).filter(cycle=scored).update(band="good")
    used = template(org)
    hr = org.user("hr_in_scope")
    for unpublished in ("open", "calibrating"):  # results still changing draft no plan
        ReviewCycle.objects.filter(pk=scored.pk).update(status=unpublished)
        scored.refresh_from_db()
        with pytest.raises(ValidationError, match="not published yet"), translation.override("en"):
            drafting.draft_in_bulk(
                cycle=scored, template=used, bands=["needs_improvement"], by=hr, start_date=START
            )
    assert not Plan.objects.exists()
    ReviewCycle.objects.filter(pk=scored.pk).update(status="feedback")
    scored.refresh_from_db()
    count = drafting.draft_in_bulk(
        cycle=scored, template=used, bands=["needs_improvement", "unsatisfactory"], by=hr, start_date=START
    )
    assert count == 1
    (plan,) = Plan.objects.all()
    assert plan.employee == org.employee and plan.owner == org.user("manager")  # their manager owns it
    assert plan.goals.get().description == "使产品知识从63.33分提升至80分" and plan.actions.count() == 2
    again = drafting.draft_in_bulk(
        cycle=scored, template=used, bands=["needs_improvement", "unsatisfactory"], by=hr, start_date=START
    )
    assert again == 0 and Plan.objects.count() == 1
    with pytest.raises(PermissionDenied):
        drafting.draft_in_bulk(
            cycle=scored, template=used, bands=["good"], by=org.user("manager"), start_date=START
        )
    # HR for 销售部 drafts for 销售部 alone.
    drafting.draft_in_bulk(
        cycle=scored, template=used, bands=["good"], by=org.user("hr_out_of_scope"), start_date=START
    )
    drafted = Plan.objects.exclude(employee=org.employee).select_related("employee__department")
    assert drafted and {p.employee.department for p in drafted} == {org.sales}


def test_a_plan_without_a_cycle_is_continuous_improvement(org):
    plan = drafting.create(
        employee=org.employee, by=org.user("manager"), title="持续改进", start_date=START, end_date=END
    )
    goal = editing.add_goal(
        plan=plan,
        by=org.user("manager"),
        description="x",
        metric="m",
        target="3",
        deadline=END,
        source="沟通",
    )
    assert plan.cycle_id is None and goal.missing == ["A"]
    assert Goal.objects.get(pk=goal.pk).letters() == {"S": True, "M": True, "A": False, "R": True, "T": True}
