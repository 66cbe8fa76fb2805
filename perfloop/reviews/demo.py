"""A review cycle for the demo company: templates, KPI actuals, 360 ratings, evidence, scored.

Built through the same imports HR uses, so the demo exercises the real path.
Deterministic: the same seed gives the same figures.
"""

import datetime as dt
import random

from django.utils import timezone

from perfloop.documents.writers import csv_bytes
from perfloop.org.models import Employee
from perfloop.reviews.importing import apply_import
from perfloop.reviews.models import CycleTransition, ReviewCycle
from perfloop.reviews.selectors import people_in
from perfloop.reviews.services import change_status, score_cycle

TEMPLATES = [
    # template, indicator, kind, weight, unit, target, direction, requirement, positions, departments
    (
        "研发岗",
        "需求交付数",
        "kpi",
        30,
        "个",
        20,
        "higher",
        "",
        "后端工程师;前端工程师;测试工程师;架构师",
        "",
    ),
    ("研发岗", "线上缺陷数", "kpi", 20, "个", 5, "lower", "", "后端工程师;前端工程师;测试工程师;架构师", ""),
    (
        "研发岗",
        "代码评审及时率",
        "kpi",
        10,
        "%",
        95,
        "higher",
        "",
        "后端工程师;前端工程师;测试工程师;架构师",
        "",
    ),
    (
        "研发岗",
        "产品知识测试",
        "competency",
        15,
        "",
        "",
        "",
        80,
        "后端工程师;前端工程师;测试工程师;架构师",
        "",
    ),
    ("研发岗", "跨部门协作", "competency", 15, "", "", "", "", "后端工程师;前端工程师;测试工程师;架构师", ""),
    ("研发岗", "专业技能", "competency", 10, "", "", "", "", "后端工程师;前端工程师;测试工程师;架构师", ""),
    ("销售岗", "销售额", "kpi", 50, "万元", 100, "higher", "", "销售代表;销售主管", ""),
    ("销售岗", "客户满意度", "kpi", 20, "分", 90, "higher", "", "销售代表;销售主管", ""),
    ("销售岗", "产品知识测试", "competency", 15, "", "", "", 80, "销售代表;销售主管", ""),
    ("销售岗", "客户沟通", "competency", 15, "", "", "", "", "销售代表;销售主管", ""),
    ("通用岗", "重点工作完成率", "kpi", 50, "%", 100, "higher", "", "", "星河科技"),
    ("通用岗", "平均响应时长", "kpi", 20, "小时", 4, "lower", "", "", "星河科技"),
    ("通用岗", "团队协作", "competency", 15, "", "", "", "", "", "星河科技"),
    ("通用岗", "沟通能力", "competency", 15, "", "", "", "", "", "星河科技"),
]


def quarters(today: dt.date) -> tuple[tuple[str, dt.date, dt.date], tuple[str, dt.date, dt.date]]:
    """The demo's two cycles, dated from the day it is seeded so that its dates make sense together
    (results, conversations, plans and check-ins): the last whole quarter, reviewed and in
    feedback, and the quarter of today, a draft. Each as (name, first day, last day)."""
    first = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    return _quarter(first, 1), _quarter(first, 0)


def seed_reviews(*, hr_user, seed: int = 2023) -> ReviewCycle:
    rng = random.Random(seed)
    apply_import(
        "template",
        csv_bytes(
            ["模板", "指标", "类型", "权重", "单位", "目标值", "方向", "岗位要求", "适用岗位", "适用部门"],
            TEMPLATES,
        ),
        "templates.csv",
    )

    (name, start, end), draft = quarters(timezone.localdate())
    # Two closed quarters before it: the team report's trends and "did it work" have a history, in
    # which 跨部门协作 falls short less each quarter (the departments acted on it).
    for back, shift in ((2, -1.2), (1, -0.6)):
        _review(hr_user, rng, _quarter(start, back), shift, main=False)
    return _review(hr_user, rng, (name, start, end), 0, main=True, draft=draft)


def _quarter_start(start: dt.date, back: int) -> dt.date:
    month = start.year * 12 + start.month - 1 - 3 * back
    return dt.date(month // 12, month % 12 + 1, 1)


def _quarter(start: dt.date, back: int) -> tuple[str, dt.date, dt.date]:
    """The quarter `back` quarters before the one starting on `start` (-1: after it), as (name,
    first day, last day)."""
    first = _quarter_start(start, back)
    return (
        f"{first.year}年Q{(first.month - 1) // 3 + 1}",
        first,
        _quarter_start(start, back - 1) - dt.timedelta(days=1),
    )


def _review(hr_user, rng, quarter, shift: float, *, main: bool, draft=None) -> ReviewCycle:
    """One quarter reviewed through HR's imports and scored; the last one left in feedback with
    the demo's own story (刘洋), the earlier ones closed. `shift` moves 跨部门协作's ratings."""
    name, start, end = quarter
    cycle = ReviewCycle.objects.create(
        name=name,
        kind=ReviewCycle.Kind.QUARTER,
        start_date=start,
        end_date=end,
        distribution_guide={"excellent": 20},
        created_by=hr_user,
    )
    cycle = change_status(cycle=cycle, to=ReviewCycle.Status.OPEN, by=hr_user)
    people = list(people_in(cycle).select_related("position", "manager").order_by("employee_no"))
    by_template = {}
    for name, indicator, kind, _w, _u, target, direction, _r, positions, _d in TEMPLATES:
        by_template.setdefault(name, []).append((indicator, kind, target, direction, positions))
    position_template = {
        p: name
        for name, items in by_template.items()
        for *_x, positions in items
        for p in positions.split(";")
        if p
    }

    actuals, ratings, evidence = [], [], []
    for person in people:
        template = position_template.get(person.position.name if person.position else "", "通用岗")
        skill = min(1.2, max(0.7, rng.gauss(0.92, 0.1)))  # how this person did this quarter
        for indicator, kind, target, direction, _p in by_template[template]:
            if kind == "kpi":
                factor = skill * rng.uniform(0.9, 1.1)
                value = target * factor if direction == "higher" else target / factor
                actuals.append((person.employee_no, indicator, round(value, 1)))
                continue
            level = max(
                1,
                min(
                    5,
                    round(skill * 3.6 + rng.uniform(-0.8, 0.8) + (shift if indicator == "跨部门协作" else 0)),
                ),
            )
            if person.manager:
                ratings.append((person.employee_no, person.manager.employee_no, "上级", indicator, level, ""))
            ratings.append((person.employee_no, person.employee_no, "自评", indicator, min(5, level + 1), ""))
            peers = [p for p in people if p.manager_id == person.manager_id and p.pk != person.pk]
            for peer in rng.sample(peers, min(2, len(peers))):
                ratings.append(
                    (
                        person.employee_no,
                        peer.employee_no,
                        "同事",
                        indicator,
                        max(1, min(5, level + rng.choice((-1, 0, 0, 1)))),
                        "",
                    )
                )
    architect = Employee.objects.get(name="刘洋", employee_no__startswith="XH")
    if not main:
        return _score_and_move(cycle, hr_user, actuals, ratings, [], ReviewCycle.Status.CLOSED, end)
    evidence += [
        (
            architect.employee_no,
            (start + dt.timedelta(days=48)).isoformat(),
            "需求交付数",
            "正面",
            "支付重构项目提前3天完成交付",
            "客户满意度评分95分",
            "项目周报",
        ),
        (
            architect.employee_no,
            (start + dt.timedelta(days=67)).isoformat(),
            "跨部门协作",
            "负面",
            "与产品部的需求变更信息同步不及时",
            "导致项目延期2天，影响整体进度",
            "产品部反馈",
        ),
        (
            architect.employee_no,
            (start + dt.timedelta(days=81)).isoformat(),
            "产品知识测试",
            "负面",
            "产品知识测试得分65分",
            "未达80分的岗位要求",
            "培训考试记录",
        ),
    ]
    # The demo's own story: 刘洋 strong on delivery, short on product knowledge (guide examples).
    actuals = [a for a in actuals if a[0] != architect.employee_no]
    actuals += [
        (architect.employee_no, "需求交付数", 24),
        (architect.employee_no, "线上缺陷数", 3),
        (architect.employee_no, "代码评审及时率", 97),
    ]
    ratings = [r for r in ratings if not (r[0] == architect.employee_no and r[3] == "产品知识测试")]
    ratings += [
        (
            architect.employee_no,
            architect.manager.employee_no,
            "上级",
            "产品知识测试",
            3,
            "产品知识测试65分，需加强",
        ),
        (architect.employee_no, architect.employee_no, "自评", "产品知识测试", 3, ""),
    ]

    return _score_and_move(
        cycle, hr_user, actuals, ratings, evidence, ReviewCycle.Status.FEEDBACK, None, draft
    )


def _score_and_move(cycle, hr_user, actuals, ratings, evidence, until, end, draft=None) -> ReviewCycle:
    apply_import("results", csv_bytes(["工号", "指标", "实际值"], actuals), "results.csv", cycle=cycle)
    apply_import(
        "reviews",
        csv_bytes(["工号", "评价人工号", "关系", "指标", "评分", "评语"], ratings),
        "reviews.csv",
        cycle=cycle,
    )
    if evidence:
        apply_import(
            "evidence",
            csv_bytes(["工号", "日期", "指标", "性质", "事例", "影响", "来源"], evidence),
            "evidence.csv",
            cycle=cycle,
        )
    score_cycle(cycle=cycle)
    for status in (ReviewCycle.Status.CALIBRATING, ReviewCycle.Status.FEEDBACK, ReviewCycle.Status.CLOSED):
        # Not everyone in the demo company has a review template: publishing says why anyway.
        cycle = change_status(
            cycle=cycle, to=status, by=hr_user, reason="演示数据：部分岗位没有适用的考核模板。"
        )
        if status == ReviewCycle.Status.FEEDBACK and end is not None:  # an earlier quarter: published then
            published = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=7), dt.time(9)))
            CycleTransition.objects.filter(cycle=cycle, to_status=status).update(at=published)
        if status == until:
            break
    if draft is None:
        return cycle
    ReviewCycle.objects.create(
        name=draft[0],
        kind=ReviewCycle.Kind.QUARTER,
        start_date=draft[1],
        end_date=draft[2],
        created_by=hr_user,
    )
    return cycle
