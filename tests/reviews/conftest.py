import datetime as dt

import pytest

from perfloop.reviews.importing import apply_import
from perfloop.reviews.models import ReviewCycle
from tests.org.helpers import csv_bytes

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
    apply_import("template", csv_bytes(TEMPLATE_ROWS, header=TEMPLATE_HEADER), "template.csv")
    return ReviewCycle.objects.create(
        name="2023年Q3",
        kind="quarter",
        start_date=dt.date(2023, 7, 1),
        end_date=dt.date(2023, 9, 30),
        status=ReviewCycle.Status.OPEN,
    )


def load(kind, rows, cycle, header=None, user=None):
    headers = {"results": RESULTS_HEADER, "reviews": REVIEWS_HEADER, "evidence": EVIDENCE_HEADER}
    return apply_import(
        kind, csv_bytes(rows, header=header or headers[kind]), f"{kind}.csv", cycle=cycle, user=user
    )


@pytest.fixture
def scored(cycle):
    """刘洋 (E0001) with every input; 李组长 (L0001) missing an actual."""
    from perfloop.reviews.services import score_cycle

    load(
        "results",
        [
            ("E0001", "代码交付", "95", "", ""),
            ("E0001", "缺陷率", "2.5", "", ""),
            ("L0001", "代码交付", "130", "", ""),
        ],
        cycle,
    )
    load(
        "reviews",
        [
            ("E0001", "L0001", "上级", "团队协作", "4", "配合积极"),
            ("E0001", "E0002", "同事", "团队协作", "3", ""),
            ("E0001", "L0001", "manager", "产品知识", "3", "产品知识测试65分"),
            ("E0001", "E0001", "自评", "产品知识", "4", ""),
        ],
        cycle,
    )
    load(
        "evidence",
        [("E0001", "2023-08-15", "代码交付", "正面", "Q3项目提前3天交付", "客户满意度95分", "项目周报")],
        cycle,
    )
    score_cycle(cycle=cycle)
    return cycle
