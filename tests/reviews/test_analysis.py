from decimal import Decimal as D

from django.utils import translation

from perfloop.reviews.analysis import analyse, falls_short, top_quarter_cut

KNOWLEDGE = {
    "indicator_id": 1,
    "name": "产品知识测试",
    "kind": "competency",
    "score": "65.00",
    "requirement": "80",
    "unit": "",
}
SALES = {
    "indicator_id": 2,
    "name": "销售额",
    "kind": "kpi",
    "score": "120.00",
    "achievement": "120.00",
    "actual": "120",
    "target": "100",
    "unit": "万元",
    "requirement": None,
}
DELIVERY = {
    "indicator_id": 3,
    "name": "代码交付",
    "kind": "kpi",
    "score": "95.00",
    "achievement": "95.00",
    "actual": "95",
    "target": "100",
    "unit": "个",
    "requirement": None,
}
TEAMWORK = {
    "indicator_id": 4,
    "name": "团队协作",
    "kind": "competency",
    "score": "88.00",
    "requirement": None,
    "unit": "",
}


def test_the_guides_example_sentence_in_both_languages():
    with translation.override("zh-hans"):
        _s, improvements = analyse([KNOWLEDGE], "销售部")
    assert improvements[0]["sentence"] == "产品知识测试 65分，岗位要求 80分，差15分。"
    with translation.override("en"):
        _s, improvements = analyse([KNOWLEDGE], "Sales")
    assert improvements[0]["sentence"] == "产品知识测试 65 points, the position requires 80: 15 short."


def test_kpi_above_target_is_a_strength_with_figures():
    with translation.override("en"):
        strengths, improvements = analyse([SALES, DELIVERY], "Sales")
    assert [s["name"] for s in strengths] == ["销售额"] and [i["name"] for i in improvements] == ["代码交付"]
    assert strengths[0]["sentence"] == "销售额: 120% of target (120 万元 against 100 万元)."
    assert improvements[0]["sentence"] == "代码交付: 95 个 against a target of 100 个 (95%), 5 个 short."


def test_top_quarter_of_the_department_is_a_strength():
    with translation.override("en"):
        strengths, _i = analyse([{**TEAMWORK, "top_quarter": True}], "研发中心")
    assert strengths[0]["sentence"] == "团队协作 88 points, in the top quarter of 研发中心."


def test_the_top_quarter_begins_at_the_quarter_mark_and_needs_four_people():
    # Eight people: the top two are the top quarter; ties with the second are in it too.
    assert top_quarter_cut([D(60), D(70), D(75), D(80), D(85), D(86), D(88), D(92)]) == D(88)
    assert top_quarter_cut([D(1), D(2), D(3)]) is None


def test_missing_score_is_neither():
    item = {**DELIVERY, "score": None}
    assert analyse([item], "x") == ([], []) and not falls_short(item)


def test_just_below_the_top_quarter_is_not_a_strength():
    assert analyse([{**TEAMWORK, "top_quarter": False}], "研发中心") == ([], [])
    assert analyse([TEAMWORK], "研发中心") == ([], [])
