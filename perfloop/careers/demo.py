"""The demo company's development path (a few positions' next steps, with requirements named as
its results score them) and a promotion dossier for the strongest backend engineer of the latest
published cycle, recommended by their manager and waiting for HR's decision."""

from perfloop.careers import dossiers, paths
from perfloop.org.models import Employee, Position
from perfloop.reviews.models import Result, ReviewCycle

STEPS = [
    ("后端工程师", "后端组长", "需求交付数 100; 代码评审及时率 95; 专业技能 80; 跨部门协作 70"),
    ("前端工程师", "前端组长", "需求交付数 100; 代码评审及时率 95; 专业技能 80; 跨部门协作 70"),
    ("测试工程师", "测试组长", "需求交付数 100; 专业技能 80; 跨部门协作 70"),
    ("后端组长", "架构师", "专业技能 90; 跨部门协作 80; 代码评审及时率 100"),
    ("销售代表", "销售主管", "销售额 100; 客户沟通 80; 客户满意度 90"),
    ("客服专员", "客服主管", "平均响应时长 100; 沟通能力 85; 团队协作 80"),
]


def seed_careers(*, hr_user, seed: int) -> None:
    positions = {p.name: p for p in Position.objects.all()}
    for position, next_position, requirements in STEPS:
        if position in positions and next_position in positions:
            paths.set_step(by=hr_user, position=positions[position], next_position=positions[next_position],
                           requirements=paths.parse_requirements(requirements))  # fmt: skip
    cycle = ReviewCycle.objects.filter(status__in=ReviewCycle.PUBLISHED).order_by("-end_date").first()
    best = (
        Result.objects.filter(cycle=cycle, employee__position__name="后端工程师", employee__status="active")
        .select_related("employee__department", "employee__manager__user")
        .order_by("-composite", "employee__employee_no")
        .first()
    )
    if best is None or "后端组长" not in positions:
        return
    person = Employee.objects.select_related("department", "position", "manager").get(pk=best.employee_id)
    dossier = dossiers.open_dossier(by=hr_user, employee=person, kind="promotion", position=positions["后端组长"],
                                    cycle=cycle)  # fmt: skip
    manager = person.manager.user if person.manager and person.manager.user_id else None
    if manager is not None:
        dossiers.recommend(dossier=dossier, by=manager, recommendation="recommend",
                           text="最近一个季度需求交付数超出目标17%，主导了订单服务重构，已在带两名新人。")  # fmt: skip
