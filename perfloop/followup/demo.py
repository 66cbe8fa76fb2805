"""The demo company's follow-up: a plan under way for another of the manager's people, with two
check-ins (one with a deviation and its corrective action), a milestone missed, and so off track."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from perfloop.followup import services
from perfloop.plans import services as plans
from perfloop.plans import sources
from perfloop.plans.models import Plan
from perfloop.reviews.models import Result, ReviewCycle


def seed_followup(*, hr_user, seed: int) -> None:
    manager = get_user_model().objects.filter(username="manager").select_related("employee").first()
    cycle = ReviewCycle.objects.filter(status=ReviewCycle.Status.FEEDBACK).order_by("-start_date").first()
    if manager is None or cycle is None:
        return
    taken = Plan.objects.values("employee_id")
    result = (
        Result.objects.filter(cycle=cycle, employee__manager=manager.employee, complete=True)
        .exclude(employee__user__username="employee")
        .exclude(employee_id__in=taken)
        .select_related("employee__department")
        .order_by("employee__employee_no")
        .first()
    )
    items = sources.improvement_items(result) if result else []
    if not items:
        return
    today = timezone.localdate()
    start = today - dt.timedelta(days=20)
    plan = plans.create(
        employee=result.employee,
        by=manager,
        title=f"{result.employee.name}的绩效改进计划",
        start_date=start,
        end_date=start + dt.timedelta(weeks=8),
        result=result,
        chosen=[items[0]["key"]],
    )
    goal = plan.goals.get()
    plans.update_goal(goal=goal, by=manager, means="每周2次专项学习，每次1小时")
    step = (goal.target - goal.baseline) / 2
    plans.add_milestone(
        plan=plan, by=manager, title="2周内完成一半差距", due=start + dt.timedelta(days=14), goal_id=goal.pk,
        expected=goal.baseline + step if goal.direction == "up" else goal.baseline - step,
    )  # fmt: skip
    plans.submit(plan=plan, by=manager)
    # The employee acknowledged it at the time (they have no demo login to do it with).
    Plan.objects.filter(pk=plan.pk).update(status=Plan.Status.ACTIVE, acknowledged_at=timezone.now())
    plan.refresh_from_db()
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
