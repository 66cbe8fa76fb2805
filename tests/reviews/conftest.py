import datetime as dt
from decimal import Decimal

import pytest

from perfloop.org.models import Employee
from perfloop.reviews.importing import apply_import
from perfloop.reviews.models import Indicator, ReviewCycle
from tests.org.factories import PositionFactory
from tests.org.helpers import csv_bytes
from tests.reviews.factories import (
    EvidenceFactory,
    IndicatorFactory,
    KpiActualFactory,
    Review360Factory,
    ReviewCycleFactory,
    TemplateFactory,
)

TEMPLATE_HEADER = ["模板", "指标", "类型", "权重", "单位", "目标值", "方向", "封顶", "岗位要求", "适用岗位"]
TEMPLATE_ROWS = [
    ("研发岗", "代码交付", "kpi", "40", "个", "100", "higher", "", "", "工程师"),
    ("研发岗", "缺陷率", "kpi", "20", "%", "2", "lower", "", "", "工程师"),
    ("研发岗", "团队协作", "competency", "20", "", "", "", "", "", "工程师"),
    ("研发岗", "产品知识", "competency", "20", "", "", "", "", "80", "工程师"),
]
RESULTS_HEADER = ["工号", "指标", "实际值", "目标值", "说明"]
REVIEWS_HEADER = ["工号", "评价人工号", "关系", "指标", "评分", "评语"]
EVIDENCE_HEADER = ["工号", "日期", "指标", "性质", "事例", "影响", "来源"]


@pytest.fixture
def cycle(org):
    """An open cycle, and the template 研发岗 (TEMPLATE_ROWS) for the position 工程师, built directly:
    the importer has its own tests."""
    template = TemplateFactory(name="研发岗")
    template.positions.add(PositionFactory(name="工程师"))
    for order, (_t, name, kind, weight, unit, target, direction, _cap, requirement, _p) in enumerate(
        TEMPLATE_ROWS
    ):
        IndicatorFactory(
            template=template,
            name=name,
            kind=kind,
            weight=Decimal(weight),
            unit=unit,
            target=Decimal(target) if target else None,
            direction=direction or "higher",
            requirement=Decimal(requirement) if requirement else None,
            order=order,
        )
    return ReviewCycleFactory(name="2023年Q3", status=ReviewCycle.Status.OPEN)


def load(kind, rows, cycle, header=None, user=None):
    headers = {"results": RESULTS_HEADER, "reviews": REVIEWS_HEADER, "evidence": EVIDENCE_HEADER}
    return apply_import(
        kind, csv_bytes(rows, header=header or headers[kind]), f"{kind}.csv", cycle=cycle, user=user
    )


@pytest.fixture
def scored(cycle):
    """刘洋 (E0001) with every input; 李组长 (L0001) missing an actual."""
    from perfloop.reviews.services import score_cycle

    people = {e.employee_no: e for e in Employee.objects.all()}
    indicators = {i.name: i for i in Indicator.objects.all()}
    for no, name, actual in (
        ("E0001", "代码交付", "95"),
        ("E0001", "缺陷率", "2.5"),
        ("L0001", "代码交付", "130"),
    ):
        KpiActualFactory(cycle=cycle, employee=people[no], indicator=indicators[name], actual=Decimal(actual))
    for no, reviewer, relation, name, rating, comment in (
        ("E0001", "L0001", "manager", "团队协作", 4, "配合积极"),
        ("E0001", "E0002", "peer", "团队协作", 3, ""),
        ("E0001", "L0001", "manager", "产品知识", 3, "产品知识测试65分"),
        ("E0001", "E0001", "self", "产品知识", 4, ""),
    ):
        Review360Factory(
            cycle=cycle,
            employee=people[no],
            reviewer=people[reviewer],
            relation=relation,
            indicator=indicators[name],
            rating=rating,
            comment=comment,
        )
    EvidenceFactory(
        cycle=cycle,
        employee=people["E0001"],
        date=dt.date(2023, 8, 15),
        indicator=indicators["代码交付"],
        what="Q3项目提前3天交付",
        impact="客户满意度95分",
        source="项目周报",
    )
    score_cycle(cycle=cycle)
    return cycle
