"""The review stage's kinds of import (registered from ReviewsConfig.ready())."""

from functools import partial

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from perfloop.imports.registry import ImportKind, ImportTarget, register
from perfloop.reviews import rules
from perfloop.reviews.filling import fill_in
from perfloop.reviews.importing import apply_import, plan_import
from perfloop.reviews.models import ReviewCycle
from perfloop.reviews.rules import can_manage_cycles
from perfloop.reviews.services import DATA_STATUSES

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
    "template": gettext_lazy("Review templates"),
    "results": gettext_lazy("KPI actual values"),
    "reviews": gettext_lazy("360° ratings"),
    "evidence": gettext_lazy("Evidence records"),
}


def _describe(code: str, summary: dict) -> str:
    """The preview in the kind's own terms: "20 values for 10 people", not "20 to create"."""
    people = summary.get("groups", 0)
    # What the file holds: a template's indicators are its rows; data kinds count their values.
    rows = (
        summary["rows"]
        if code == "template"
        else summary["to_create"] + summary["to_update"] + summary["unchanged"]
    )
    counts = {
        "rows": rows,
        "people": people,
        "create": summary["to_create"],
        "update": summary["to_update"],
        "unchanged": summary["unchanged"],
    }
    if code == "template":
        head = ngettext(
            "%(rows)d indicator in %(people)d template",
            "%(rows)d indicators in %(people)d templates",
            rows,
        )
    elif code == "results":
        head = ngettext("%(rows)d value for %(people)d people", "%(rows)d values for %(people)d people", rows)
    elif code == "reviews":
        head = ngettext(
            "%(rows)d rating for %(people)d people", "%(rows)d ratings for %(people)d people", rows
        )
    else:
        head = ngettext(
            "%(rows)d record for %(people)d people", "%(rows)d records for %(people)d people", rows
        )
    tail = _("%(create)d new, %(update)d changed, %(unchanged)d unchanged.")
    return _("%(what)s: %(counts)s") % {"what": head % counts, "counts": tail % counts}


CYCLE = ImportTarget(
    label=gettext_lazy("Review cycle"),
    option="cycle",
    options=lambda user: rules.cycles_for(user).filter(status__in=DATA_STATUSES),
    lookup=lambda name: ReviewCycle.objects.filter(name=name).first(),
)


def _planner(step, code):
    def run(content, filename, *, user, target=None):
        return step(code, content, filename, user=user, cycle=target)

    return run


def register_kinds():
    for code, label in LABELS.items():
        header, rows = EXAMPLES[code]
        register(
            ImportKind(
                code,
                label,
                plan=_planner(plan_import, code),
                apply=_planner(apply_import, code),
                permission=can_manage_cycles,
                example_header=header,
                example_rows=rows,
                target=None if code == "template" else CYCLE,
                describe=partial(_describe, code),
                fill_in=partial(fill_in, code),
            )
        )
