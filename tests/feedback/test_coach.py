"""The language coach against its labelled set: precision and recall per rule, and clean sentences left alone."""

import pytest

from perfloop.feedback import coach
from tests.feedback.coach_cases import CASES

RULES = ("absolute", "judgement", "vague")


def scores(language):
    counts = {rule: {"tp": 0, "fp": 0, "fn": 0} for rule in RULES}
    clean_flagged = []
    for text, expected in CASES[language]:
        found = {f.rule for f in coach.check(text, lang=language)}
        for rule in RULES:
            if rule in found and rule in expected:
                counts[rule]["tp"] += 1
            elif rule in found:
                counts[rule]["fp"] += 1
            elif rule in expected:
                counts[rule]["fn"] += 1
        if not expected and found:
            clean_flagged.append((text, found))
    return counts, clean_flagged


@pytest.mark.parametrize("language", ["zh", "en"])
def test_coach_is_precise_on_the_labelled_set(language):
    assert len(CASES[language]) >= 60
    clean = [t for t, expected in CASES[language] if not expected]
    assert len(clean) * 2 >= len(CASES[language])
    counts, clean_flagged = scores(language)
    report = []
    for rule, c in counts.items():
        precision = c["tp"] / ((c["tp"] + c["fp"]) or 1)
        recall = c["tp"] / ((c["tp"] + c["fn"]) or 1)
        report.append(f"{language} {rule}: precision {precision:.2f} recall {recall:.2f} ({c})")
        assert c["tp"] > 0, report[-1]
        assert precision >= 0.9, report[-1]
    print("\n".join(report))
    assert len(clean_flagged) <= 0.05 * len(clean), clean_flagged


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
