"""The demo company's lessons: what the manager drew from the plan closed as met."""

from perfloop.insights import lessons
from perfloop.plans.models import Plan


def seed_insights(*, hr_user, seed: int) -> None:
    plan = (
        Plan.objects.filter(status=Plan.Status.CLOSED, closure__outcome="raise_candidate")
        .select_related("owner", "employee__department")
        .prefetch_related("goals")
        .order_by("pk")
        .first()
    )
    if plan is None or plan.owner is None:
        return
    goal = plan.goals.all()[0]
    lessons.write(
        plan=plan, by=plan.owner, title="跨部门协作流程优化方案", sharing="company", root_cause="goals",
        done="每周一与产品、测试对齐需求和接口变更；变更走统一的群公告和文档",
        worked="需求返工从每月5次降到1次；新人也能看懂流程", tags="协作, 流程, 跨部门",
    )  # fmt: skip
    lessons.write(
        plan=plan, by=plan.owner, title=f"{goal.metric}专项学习：每周2次学习 + 导师辅导", sharing="department",
        root_cause="skills", indicator=goal.source or goal.metric,
        done="每周2次专项学习，每次1小时；每两周一次模拟测试", worked="模拟测试让差距看得见；导师答疑最有效",
        tags="专项学习, 导师",
    )  # fmt: skip
