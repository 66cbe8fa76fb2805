"""The kinds of import, each with its planner, its apply and an example file."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from perfloop.documents.writers import xlsx_bytes
from perfloop.org import importing as org_importing
from perfloop.reviews import importing as review_importing


@dataclass(frozen=True)
class ImportKind:
    code: str
    label: Any
    needs_cycle: bool
    example_header: list[str]
    example_rows: list[list]

    def plan(self, content: bytes, filename: str, *, user, cycle=None):
        if self.code == "org":
            return org_importing.plan_org_import(content, filename, user=user)
        return review_importing.plan_import(self.code, content, filename, cycle=cycle, user=user)

    def apply(self, content: bytes, filename: str, *, user, cycle=None):
        if self.code == "org":
            return org_importing.apply_org_import(content, filename, user=user)
        return review_importing.apply_import(self.code, content, filename, cycle=cycle, user=user)

    def example_xlsx(self) -> bytes:
        return xlsx_bytes(self.example_header, self.example_rows, "example")


KINDS = {
    k.code: k
    for k in [
        ImportKind(
            "org",
            _("Organisation"),
            False,
            ["工号", "姓名", "部门", "岗位", "直属上级工号", "入职日期", "邮箱"],
            [
                ["E0001", "王建国", "总部", "总经理", "", "2015-03-01", "wang.jianguo@example.com"],
                [
                    "E0002",
                    "李晓红",
                    "总部/研发中心",
                    "研发总监",
                    "E0001",
                    "2017-07-15",
                    "li.xiaohong@example.com",
                ],
                [
                    "E0003",
                    "张伟",
                    "总部/研发中心/后端组",
                    "高级工程师",
                    "E0002",
                    "2020-09-01",
                    "zhang.wei@example.com",
                ],
            ],
        ),
        ImportKind(
            "template",
            _("Review templates"),
            False,
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
        ImportKind(
            "results",
            _("KPI actual values"),
            True,
            ["工号", "指标", "实际值", "目标值", "说明"],
            [["E0003", "销售额", 120, "", "Q3销售额完成120%"], ["E0003", "客户投诉率", 1.5, "", ""]],
        ),
        ImportKind(
            "reviews",
            _("360° ratings"),
            True,
            ["工号", "评价人工号", "关系", "指标", "评分", "评语"],
            [
                ["E0003", "E0002", "上级", "团队协作", 4, "主动协调跨部门资源"],
                ["E0003", "E0003", "自评", "产品知识", 3, ""],
            ],
        ),
        ImportKind(
            "evidence",
            _("Evidence records"),
            True,
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
    ]
}
