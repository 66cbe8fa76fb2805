"""The review stage's kinds of import (registered from ReviewsConfig.ready())."""

from functools import partial

from django.utils.translation import gettext_lazy as _

from perfloop.imports.registry import ImportKind, register
from perfloop.reviews.importing import apply_import, plan_import
from perfloop.reviews.rules import can_manage_cycles

EXAMPLES = {
    "template": (
        [
            "模板",
            "指标",
            "类型",
            "权重",
            "单位",
            "目标值",
            "方向",
            "封顶",
            "岗位要求",
            "适用岗位",
            "适用部门",
        ],
        [
            ["销售岗", "销售额", "kpi", 50, "万元", 100, "higher", 120, "", "销售代表;销售主管"],
            ["销售岗", "客户投诉率", "kpi", 20, "%", 2, "lower", 120, "", "销售代表;销售主管"],
            ["销售岗", "产品知识", "competency", 15, "", "", "", "", 80, "销售代表;销售主管"],
            ["销售岗", "团队协作", "competency", 15, "", "", "", "", "", "销售代表;销售主管"],
        ],
    ),
    "results": (
        ["工号", "指标", "实际值", "目标值", "说明"],
        [["E0003", "销售额", 120, "", "Q3销售额完成120%"], ["E0003", "客户投诉率", 1.5, "", ""]],
    ),
    "reviews": (
        ["工号", "评价人工号", "关系", "指标", "评分", "评语"],
        [
            ["E0003", "E0002", "上级", "团队协作", 4, "主动协调跨部门资源"],
            ["E0003", "E0003", "自评", "产品知识", 3, ""],
        ],
    ),
    "evidence": (
        ["工号", "日期", "指标", "性质", "事例", "影响", "来源"],
        [
            [
                "E0003",
                "2023-08-15",
                "销售额",
                "正面",
                "Q3项目提前3天完成交付",
                "客户满意度评分95分",
                "项目周报",
            ]
        ],
    ),
}
LABELS = {
    "template": _("Review templates"),
    "results": _("KPI actual values"),
    "reviews": _("360° ratings"),
    "evidence": _("Evidence records"),
}


def register_kinds():
    for code, label in LABELS.items():
        header, rows = EXAMPLES[code]
        register(
            ImportKind(
                code,
                label,
                plan=partial(plan_import, code),
                apply=partial(apply_import, code),
                permission=can_manage_cycles,
                example_header=header,
                example_rows=rows,
                needs_cycle=code != "template",
                on_imports_page=code == "template",
            )
        )
