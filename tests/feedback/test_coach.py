"""The language coach against its labelled set (perfloop/feedback/coach_data/labelled.tsv, read by
`manage.py coach --evaluate` too): precision, recall and F1 per rule and language, clean sentences
left alone; the issue's examples and their fact-bearing rewrites."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from perfloop.feedback import coach, coach_evaluation

SET = Path(coach.__file__).parent / "coach_data" / "labelled.tsv"
FLOOR = {"absolute": 0.9, "judgement": 0.9, "vague": 0.85}


@pytest.fixture(scope="module")
def measured():
    rows = coach_evaluation.read(SET.read_text(encoding="utf-8"))
    return rows, coach_evaluation.evaluate(rows)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_labelled_set_is_met_per_rule_and_language(measured, language):
    rows, found = measured
    mine = [r for r in rows if r[0] == language]
    assert len(mine) >= 100 and sum(1 for r in mine if not r[1]) * 3 >= len(mine)  # a third clean at least
    for rule, floor in FLOOR.items():
        counts = found.counts[(language, rule)]
        assert counts.true_positive >= 10 and counts.f1 >= floor, (language, rule, counts, found.misses)
    clean, flagged = found.clean[language]
    assert flagged <= 0.05 * clean, found.misses


@pytest.mark.parametrize(
    "text",
    ["希望你多承担一些责任。", "你这次的方案写得很好。", "You should communicate better with the team.",
     "Great job this quarter!"],
)  # fmt: skip
def test_the_issues_vague_examples_are_found(text):
    assert [f.rule for f in coach.check(text)] == ["vague"]


@pytest.mark.parametrize(
    "text",
    [
        "希望你下个季度牵头一次跨部门复盘会，把需求变更次数降到每月2次以内。",
        "你这次的方案写得很好：比如第三章的成本测算，让客户当场确认了预算。",
        "You should communicate better with the team: for example, the API change last week reached QA only after the release.",
        "Great job this quarter: average response time fell by 20% and satisfaction rose to 92%.",
    ],
)  # fmt: skip
def test_their_fact_bearing_rewrites_pass_clean(text):
    assert coach.check(text) == []


def test_a_judgement_without_a_fact_says_what_would_make_it_useful():
    (finding,) = coach.check("你太差了。")
    assert (
        finding.rule == "judgement" and "没有可观察的事实" in finding.message and "导致" in finding.suggestion
    )
    (finding,) = coach.check("You always come late.", ui="en")
    assert (
        finding.rule == "absolute"
        and "no observable fact" in finding.message
        and "which" in finding.suggestion
    )
    (finding,) = coach.check("上周三的例会你总是打断别人。")  # a fact is there: the absolute alone
    assert finding.rule == "absolute" and "事实。" not in finding.message


def test_the_command_prints_the_figures():
    out = io.StringIO()
    call_command("coach", "--evaluate", str(SET), stdout=out)
    assert "| zh | vague |" in out.getvalue() and "median" in out.getvalue()


def test_the_guide_examples():
    (finding,) = coach.check("你总是迟交周报。")
    assert (finding.rule, finding.start, finding.end) == ("absolute", 1, 3)
    assert [f.rule for f in coach.check("你太差了")] == ["judgement"]
    assert [f.rule for f in coach.check("你的沟通能力需要加强")] == ["vague"]
    assert coach.check("10月12日的周报晚交两天，导致部门汇总推迟") == []
    assert coach.check("9月20日产品知识测试得分65分，未达80分的岗位要求") == []


def test_spans_point_into_the_text_of_several_sentences():
    text = "Q3项目提前3天交付。但你总是迟到。You are lazy. Great job."
    found = coach.check(text)
    assert [(f.rule, text[f.start : f.end]) for f in found] == [
        ("absolute", "总是"),
        ("judgement", "lazy"),
        ("vague", "Great job."),
    ]


def test_messages_in_the_users_language():
    (finding,) = coach.check("You are lazy.", ui="zh")
    assert "评判" in finding.message
    (finding,) = coach.check("你太懒了", ui="en")
    assert "judges the person" in finding.message and finding.suggestion


def test_lazy_loading_is_not_a_judgement():
    assert coach.check("上周你给列表页加了懒加载，首屏时间从3秒降到1秒。") == []
    assert coach.check("You added lazy loading to the list page in May, cutting load time by a second.") == []
