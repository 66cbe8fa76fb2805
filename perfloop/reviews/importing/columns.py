"""The columns of each kind's file, with their Chinese and English headers."""

from perfloop.documents.tables import Column

NAME = 100  # template and indicator names
TEXT = 2000  # comments and evidence texts
ANCHOR = 200  # what one rating of a competency means
ANCHORS = 5 * (ANCHOR + 1)

COLUMNS = {
    "template": [
        Column("template", ("模板", "template"), max_length=NAME),
        Column("indicator", ("指标", "indicator"), max_length=NAME),
        Column("kind", ("类型", "kind")),
        Column("weight", ("权重", "weight")),
        Column("unit", ("单位", "unit"), required=False, max_length=20),
        Column("target", ("目标值", "target"), required=False),
        Column("direction", ("方向", "direction"), required=False),
        Column("cap", ("封顶", "cap"), required=False),
        Column("requirement", ("岗位要求", "requirement"), required=False),
        # A competency's behaviour anchors: one level per line (or separated by |), level 1 first.
        Column("anchors", ("行为锚定", "anchors"), required=False, max_length=ANCHORS),
        Column("positions", ("适用岗位", "positions"), required=False),
        Column("departments", ("适用部门", "departments"), required=False),
    ],
    "results": [
        Column("employee_no", ("工号", "employee_no")),
        Column("indicator", ("指标", "indicator")),
        Column("actual", ("实际值", "actual")),
        Column("target", ("目标值", "target"), required=False),
        Column("note", ("说明", "note"), required=False, max_length=500),
    ],
    "reviews": [
        Column("employee_no", ("工号", "employee_no")),
        Column("reviewer_no", ("评价人工号", "reviewer_no")),
        Column("relation", ("关系", "relation")),
        Column("indicator", ("指标", "indicator")),
        Column("rating", ("评分", "rating")),
        Column("comment", ("评语", "comment"), required=False, max_length=TEXT),
    ],
    "evidence": [
        Column("employee_no", ("工号", "employee_no")),
        Column("date", ("日期", "date")),
        Column("indicator", ("指标", "indicator"), required=False),
        Column("kind", ("性质", "kind", "类型")),
        Column("what", ("事例", "what"), max_length=TEXT),
        Column("impact", ("影响", "impact"), required=False, max_length=TEXT),
        Column("source", ("来源", "source"), required=False, max_length=200),
    ],
}
