"""The demo company's plan stage: a template HR keeps, and one plan the demo manager has drafted
from a result and its conversation and sent to the employee to acknowledge.

The demo employee's own plan is left for a new user to draft from their result."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Case, When
from django.utils import timezone

from perfloop.feedback.models import FeedbackRecord
from perfloop.org.models import Employee
from perfloop.plans import drafting, editing, lifecycle, smart, sources, teams
from perfloop.plans.models import Goal, Plan, Support
from perfloop.reviews.models import Band, Indicator, ReviewCycle, ScoredIndicator

GOAL = "1个月内，通过每周2次产品知识学习(每次1小时)，使产品知识测试分数从65分提升至85分"


def seed_plans(*, hr_user, seed: int) -> None:
    _history(hr_user)
    _team_plan()
    drafting.save_template(
        by=hr_user,
        name="能力不足：专项学习提升",
        root_cause="skills",
        weeks=8,
        goals=[
            {
                "description": "使{indicator}从{baseline}{unit}提升至{target}{unit}",
                "metric": "{indicator}",
                "unit": "{unit}",
                "means": "每周2次专项学习，每次1小时",
            }
        ],
        actions=["参加公司产品培训课程", "向产品部同事请教3个核心功能模块", "完成5个客户案例分析"],
        support=[
            {"kind": "budget", "text": "产品培训课程费用"},
            {"kind": "mentor", "text": "安排一位导师每周辅导"},
        ],
    )
    manager = get_user_model().objects.filter(username="manager").select_related("employee").first()
    # The plan is for someone whose result calls for one: the lowest band among the manager's
    # conversations first.
    low_first = Case(*(When(result__band=b, then=i) for i, b in enumerate(reversed(Band.values))), default=9)
    record = (
        FeedbackRecord.objects.filter(holder=manager)
        .select_related("result__employee__department", "employee__department")
        .order_by(low_first, "pk")
        .first()
        if manager
        else None
    )
    if record is None:
        return
    today = timezone.localdate()
    plan = drafting.create(
        employee=record.employee,
        by=manager,
        title=f"{record.employee.name}的绩效改进计划",
        start_date=today,
        end_date=today + dt.timedelta(weeks=8),
        result=record.result,
        feedback=record if record.status != FeedbackRecord.Status.PLANNED else None,  # its requests once held
        chosen=[c["key"] for c in sources.improvement_items(record.result)][:1],
    )
    parsed = smart.parse(GOAL, "zh", today)
    editing.add_goal(
        plan=plan,
        by=manager,
        description=GOAL,
        metric=parsed.metric,
        unit=parsed.unit,
        baseline=parsed.baseline,
        target=parsed.target,
        direction=parsed.direction,
        means=parsed.means,
        deadline=min(parsed.deadline, plan.end_date),
        source="产品知识",
    )
    editing.add_action(plan=plan, by=manager, text="参加公司产品培训课程", due=today + dt.timedelta(days=14))
    editing.add_support(
        plan=plan,
        by=manager,
        kind=Support.Kind.MENTOR,
        text="产品部资深同事每周辅导1小时",
        person="产品部 王工",
        owner_name=manager.employee.name,
        due=today + dt.timedelta(days=7),
    )
    editing.add_milestone(
        plan=plan, by=manager, title="2周内完成前3章课程学习", due=today + dt.timedelta(days=14)
    )
    if not lifecycle.unmet(plan):
        lifecycle.submit(plan=plan, by=manager)


def _team_plan() -> None:
    """The demo manager's department acting on 跨部门协作 as a team: a team plan drafted on the
    common problem of the last closed quarter three weeks after it ended, under way since, with
    actions assigned to two people of the team (the follow-up demo holds a check-in on it)."""
    manager = (
        get_user_model().objects.filter(username="manager").select_related("employee__department").first()
    )
    cycle = ReviewCycle.objects.filter(status=ReviewCycle.Status.CLOSED).order_by("-start_date").first()
    if manager is None or manager.employee is None or cycle is None:
        return
    department = manager.employee.department
    if not teams.meeting_shares(department, [cycle], ["跨部门协作"]):
        return
    start = cycle.end_date + dt.timedelta(days=21)
    weeks = max(teams.WEEKS, (timezone.localdate() - start).days // 7 + 4)  # still under way today
    plan = teams.draft(
        by=manager, department=department, cycle=cycle, indicator="跨部门协作", today=start, weeks=weeks
    )
    plan.goals.update(means="跨部门接口人制度和每周协作例会")
    end = plan.end_date
    people = list(
        Employee.objects.filter(department__path__under=department.path, status=Employee.Status.ACTIVE)
        .exclude(pk=manager.employee.pk)
        .order_by(Case(When(user__username="employee", then=0), default=1), "employee_no")[:2]
    )  # the demo employee sees the team plan and ticks their action off
    for person, text in zip(people, ("梳理各部门接口人清单并共享", "组织每周跨部门协作例会"), strict=False):
        editing.add_action(
            plan=plan, by=manager, text=text, assignee=person.employee_no, due=start + dt.timedelta(weeks=3)
        )
    editing.add_action(plan=plan, by=manager, text="制定跨部门协作流程优化方案", owner="manager", due=end)
    editing.add_support(
        plan=plan, by=manager, kind=Support.Kind.TIME, text="每周预留1小时用于跨部门例会",
        owner_name=manager.employee.name, due=start + dt.timedelta(weeks=1),
    )  # fmt: skip
    editing.add_milestone(
        plan=plan, by=manager, title="接口人清单发布，例会运行满4周", due=start + dt.timedelta(weeks=5)
    )
    lifecycle.start(plan=plan, by=manager)


def _history(hr_user) -> None:
    """Plans of the last closed quarter on 跨部门协作, closed since (the follow-up demo records how
    each ended): for every other person who fell short on it, so that the team report's "did it
    work" compares them with people of the same band who had none."""
    cycle = ReviewCycle.objects.filter(status=ReviewCycle.Status.CLOSED).order_by("-start_date").first()
    if cycle is None:
        return
    short = (
        ScoredIndicator.objects.filter(result__cycle=cycle, name="跨部门协作", short=True)
        .select_related("result__employee__manager__user", "result__template")
        .order_by("result__employee__employee_no")
    )
    indicators = {i.template_id: i for i in Indicator.objects.filter(name="跨部门协作")}
    start = cycle.end_date + dt.timedelta(days=21)
    for n, scored in enumerate(short):
        result = scored.result
        if n % 2 or result.template_id not in indicators:
            continue
        manager = result.employee.manager
        plan = Plan.objects.create(
            employee=result.employee, owner=manager.user if manager and manager.user else hr_user, cycle=cycle,
            result=result, title=f"{result.employee.name}的跨部门协作改进计划", status=Plan.Status.CLOSED,
            start_date=start, end_date=start + dt.timedelta(weeks=8), ended_on=start + dt.timedelta(weeks=8),
        )  # fmt: skip
        Goal.objects.create(
            plan=plan, description="跨部门协作评分从50分提升至70分", metric="跨部门协作评分", unit="分",
            baseline=50, target=70, indicator=indicators[result.template_id], source="跨部门协作",
        )  # fmt: skip
