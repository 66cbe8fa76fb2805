"""The demo company's follow-up and outcomes, so that a new user sees the whole loop at once:
- a plan under way for another of the manager's people, with two check-ins (one with a deviation
  and its corrective action), a milestone missed, and so off track; an action added since, with why;
- a plan closed as met, a raise candidate checked by HR (the insights demo draws its lessons);
- a plan closed as not met and extended: a follow-up draft carries the goal over;
- a plan closing: its result recorded, its outcome still to decide."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from perfloop.plans import drafting, editing, lifecycle, sources
from perfloop.plans.models import Plan
from perfloop.plans.tracking import closing, services
from perfloop.plans.tracking.models import Closure
from perfloop.reviews.models import Result, ReviewCycle


def seed_followup(*, hr_user, seed: int) -> None:
    _history()
    _team_checkin()
    manager = get_user_model().objects.filter(username="manager").select_related("employee").first()
    cycle = ReviewCycle.objects.filter(status=ReviewCycle.Status.FEEDBACK).order_by("-start_date").first()
    if manager is None or cycle is None:
        return
    taken = Plan.objects.filter(employee__isnull=False).values("employee_id")  # NOT IN meets no NULL
    results = [
        r
        for r in Result.objects.filter(
            cycle=cycle, employee__manager_path__startswith=manager.employee.reports_prefix, complete=True
        )
        .exclude(employee__user__username="employee")
        .exclude(employee_id__in=taken)
        .select_related("employee__department")
        .order_by("composite", "employee__employee_no")[:10]  # plans for those whose results call for one
        if sources.improvement_items(r)
    ]
    if not results:
        return
    today = timezone.localdate()
    start = today - dt.timedelta(days=20)
    plan, goal, step = _active_plan(results[0], manager, start)
    little = step / 4 if goal.direction == "up" else -step / 4
    services.record_checkin(
        plan=plan, by=manager, held_on=start + dt.timedelta(days=7), kind="brief", today=today,
        readings=[(goal.pk, goal.baseline + little, "")], on_track=False,
        deviations="学习时间被项目占用，进度落后", corrections="调整学习时间到周末, 增加碎片化学习",
    )  # fmt: skip
    services.record_checkin(
        plan=plan, by=manager, held_on=start + dt.timedelta(days=14), kind="brief", today=today,
        readings=[(goal.pk, goal.baseline + 2 * little, "")], on_track=False,
        recognition="这周你主动同步了跨部门项目信息", support_asked="希望有导师辅导",
    )  # fmt: skip
    editing.add_action(
        plan=plan, by=manager, text="每周五与导师复盘一次学习进度", due=today + dt.timedelta(days=7),
        reason="两次回顾进度都落后，增加每周复盘",
    )  # fmt: skip
    if len(results) >= 3:
        _closed_plans(results[1], results[2], manager, hr_user, today)
    if len(results) >= 4:  # closing: the result recorded, the outcome still to decide
        late, goal, step = _active_plan(results[3], manager, today - dt.timedelta(weeks=9))
        closing.close(plan=late, by=manager, result="partly_met", reason="差距缩小了一半，仍未达标", today=today,
                      readings=[(goal.pk, goal.baseline + step)])  # fmt: skip


def _team_checkin() -> None:
    """The team plan's first check-in: the contact list is out, the weekly meeting has begun."""
    plan = (
        Plan.objects.filter(department__isnull=False, status=Plan.Status.ACTIVE)
        .select_related("owner")
        .first()
    )
    if plan is None:
        return
    services.record_checkin(
        plan=plan, by=plan.owner, held_on=plan.start_date + dt.timedelta(days=14), kind="brief",
        today=timezone.localdate(), on_track=True, recognition="接口人清单已发布，各组反馈找人更快了",
        deviations="例会第二周有两个组缺席", corrections="例会时间调整到周三上午，提前一天提醒",
    )  # fmt: skip


def _active_plan(result, manager, start):
    """A plan from the result's first improvement item, with a milestone halfway, acknowledged."""
    plan = drafting.create(
        employee=result.employee,
        by=manager,
        title=f"{result.employee.name}的绩效改进计划",
        start_date=start,
        end_date=start + dt.timedelta(weeks=8),
        result=result,
        chosen=[sources.improvement_items(result)[0]["key"]],
    )
    goal = plan.goals.get()
    editing.update_goal(goal=goal, by=manager, means="每周2次专项学习，每次1小时")
    step = (goal.target - goal.baseline) / 2
    editing.add_milestone(
        plan=plan, by=manager, title="2周内完成一半差距", due=start + dt.timedelta(days=14), goal_id=goal.pk,
        expected=goal.baseline + step if goal.direction == "up" else goal.baseline - step,
    )  # fmt: skip
    lifecycle.submit(plan=plan, by=manager)
    # The employee acknowledged it at the time (they have no demo login to do it with).
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ACTIVE, acknowledged_at=timezone.now())
    plan.refresh_from_db()
    return plan, goal, step


def _closed_plans(met_result, unmet_result, manager, hr_user, today) -> None:
    start = today - dt.timedelta(weeks=9)
    for result, reached in ((met_result, True), (unmet_result, False)):
        plan, goal, step = _active_plan(result, manager, start)
        sign = 1 if goal.direction == "up" else -1
        services.record_checkin(
            plan=plan, by=manager, held_on=start + dt.timedelta(days=14), kind="formal", today=today,
            readings=[(goal.pk, goal.baseline + sign * abs(step), "")], on_track=True,
            recognition="主动向产品部同事请教，进步明显" if reached else "",
            deviations="" if reached else "客户项目集中，学习计划多次中断",
            corrections="" if reached else "把学习安排到每周三晚上，由导师提醒",
        )  # fmt: skip
        final = goal.target if reached else goal.baseline + sign * abs(step) / 2
        closing.close(
            plan=plan,
            by=manager,
            result="met" if reached else "not_met",
            today=today,
            readings=[(goal.pk, final)],
        )
        if reached:
            closing.decide_outcome(
                plan=plan,
                by=manager,
                outcome="raise_candidate",
                reason="目标全部达成，季度表现稳定",
                today=today,
            )
            closing.check_outcome(plan=plan, by=hr_user)
        else:
            closing.decide_outcome(
                plan=plan,
                by=manager,
                outcome="extend",
                reason="进步明显但未达目标，延长一个周期",
                today=today,
            )


def _history() -> None:
    """How the closed quarter's plans ended: two in three met, the rest partly met."""
    plans = Plan.objects.filter(
        status=Plan.Status.CLOSED, closure__isnull=True, cycle__status=ReviewCycle.Status.CLOSED
    )
    Closure.objects.bulk_create(
        Closure(
            plan=plan, result=result, suggested=result, closed_by_id=plan.owner_id, outcome=Closure.Outcome.NONE,
            decided_by_id=plan.owner_id, decided_at=timezone.make_aware(dt.datetime.combine(plan.end_date, dt.time(17))),
        )
        for n, plan in enumerate(plans.order_by("pk"))
        for result in [Closure.Result.MET if n % 3 else Closure.Result.PARTLY_MET]
    )  # fmt: skip
