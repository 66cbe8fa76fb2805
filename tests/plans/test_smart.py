"""The goal parser on its own (no database): the guide's example, the case sets, the command."""

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from perfloop.plans import smart
from tests.plans.smart_cases import EN, GUIDE, TODAY, ZH

FIELDS = ("metric", "unit", "baseline", "target", "deadline", "means")
ROOT = Path(__file__).resolve().parents[2]


def test_the_guides_example_parses_fully():
    got = smart.parse(GUIDE["text"], "auto", TODAY).as_dict()
    assert {field: got[field] for field in FIELDS} == {field: GUIDE[field] for field in FIELDS}
    assert got["specific"] and got["measurable"] and got["achievable"] and got["time_bound"]
    assert got["relevant"] is False  # a bare sentence is linked to nothing
    assert got["missing"] == ["R"]
    assert got["direction"] == "up"


@pytest.mark.parametrize("lang, cases", [("zh", ZH), ("en", EN)])
def test_each_field_is_right_for_nine_sentences_in_ten(lang, cases):
    assert len(cases) >= 50
    right = dict.fromkeys(FIELDS, 0)
    misses = []
    for case in cases:
        got = smart.parse(case["text"], lang, TODAY).as_dict()
        for field in FIELDS:
            if got[field] == case[field]:
                right[field] += 1
            else:
                misses.append(f"{field}: {case['text']!r} gave {got[field]!r}, expected {case[field]!r}")
    report = {field: f"{right[field]}/{len(cases)}" for field in FIELDS}
    print(f"\n{lang}: {report}\n" + "\n".join(misses))  # shown with -s, and on failure
    assert all(right[field] >= 0.9 * len(cases) for field in FIELDS), report


def test_the_letters_follow_from_the_fields():
    assert smart.parse("提高沟通能力", "zh", TODAY).as_dict()["missing"] == ["S", "M", "A", "R", "T"]
    linked = smart.parse(GUIDE["text"], "zh", TODAY, relevant=True).as_dict()
    assert linked["missing"] == [] and linked["relevant"] is True
    assert smart.letters(metric="测试分数", target=None, means="", relevant=True, deadline=None) == {
        "S": True, "M": False, "A": False, "R": True, "T": False,
    }  # fmt: skip


def test_numbers_in_the_deadline_or_the_means_are_never_the_target():
    got = smart.parse("两周内通过每天2小时练习，完成3份竞品分析", "zh", TODAY).as_dict()
    assert (got["target"], got["unit"], got["deadline"]) == (3, "份", "2026-03-16")


def test_chinese_numerals_count_only_where_they_count_something():
    got = smart.parse(
        "三个月内，通过一对一辅导，把一次交验合格率从九十二分提升至九十八分", "zh", TODAY
    ).as_dict()
    assert (got["baseline"], got["target"], got["deadline"]) == (92, 98, "2026-06-02")
    # The writer's words are kept: 一对一 and 一次 are not numbers here.
    assert got["means"] == "一对一辅导" and got["metric"] == "一次交验合格率"


def test_lower_is_better_is_read_from_the_words():
    assert smart.parse("季度末前把客户投诉降到0次", "zh", TODAY).direction == "down"
    assert smart.parse("Keep customer churn under 3% this quarter", "en", TODAY).direction == "down"
    assert smart.parse("Score at least 90% on the quiz by May 1", "en", TODAY).direction == "up"


@pytest.mark.parametrize(
    "text", ["In the next two sprints, reduce open bugs to 10", "在两个迭代内把线上缺陷数降到5个以下"]
)
def test_a_deadline_in_sprints_is_asked_not_guessed(text):
    got = smart.parse(text, "auto", TODAY).as_dict()
    assert got["deadline"] is None and got["ask"] == [smart.ASK_SPRINT]
    assert got["target"] in (10, 5)  # "two sprints" is not the target


def test_a_date_that_has_passed_this_year_is_next_years():
    assert smart.parse("2月底前完成", "zh", TODAY).deadline == date(2027, 2, 28)
    assert smart.parse("Finish it by January 10", "en", TODAY).deadline == date(2027, 1, 10)


def test_an_impossible_date_is_no_deadline():
    assert smart.parse("2026年2月30日前完成", "zh", TODAY).deadline is None


def test_a_relative_change_without_a_baseline_asks_for_one():
    got = smart.parse("Raise NPS by 10 points this quarter", "en", TODAY).as_dict()
    assert got["target"] is None and got["ask"] == [smart.ASK_BASELINE] and got["metric"] == "NPS"


def _smartcheck(*args, stdin: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "perfloop.settings", "PERFLOOP_DEBUG": "1"}
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "smartcheck", *args],
        input=stdin.encode(),
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=False,
    )


def _smartcheck_here(monkeypatch, *args, stdin: str) -> str:
    """The command in this process, its standard input the text's UTF-8 bytes as a pipe gives them."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    out = io.StringIO()
    call_command("smartcheck", *args, stdout=out)
    return out.getvalue()


def test_smartcheck_prints_the_fields_as_json(monkeypatch):
    got = json.loads(_smartcheck_here(monkeypatch, "--today", "2026-03-02", stdin=GUIDE["text"]))
    assert {field: got[field] for field in FIELDS} == {field: GUIDE[field] for field in FIELDS}
    assert got["missing"] == ["R"]


def test_smartcheck_jsonl_answers_one_line_per_sentence_in_order():
    """From the shell, as a script pipes sentences into it: one process, its exit status and output."""
    sentences = [case["text"] for case in (ZH[1], EN[1], ZH[13])]
    run = _smartcheck("--jsonl", "--today", "2026-03-02", stdin="\n".join(sentences) + "\n")
    assert run.returncode == 0, run.stderr.decode()
    lines = [json.loads(line) for line in run.stdout.decode().splitlines()]
    assert [line["deadline"] for line in lines] == ["2026-03-16", "2026-03-31", None]
    assert [line["lang"] for line in lines] == ["zh", "en", "zh"]


def test_smartcheck_refuses_a_bad_date(monkeypatch):
    with pytest.raises(CommandError, match="--today"):
        _smartcheck_here(monkeypatch, "--today", "2026-02-30", stdin="x")


@pytest.mark.parametrize(
    "text, metric",
    [
        ("2个月内，通过每周复盘，使需求返工次数从每月5次降低至每月1次", "需求返工次数"),
        ("1个月内，通过专项培训，使在线时长从4小时提升至6小时", "在线时长"),
        ("3个月内，通过流程梳理，使对外响应时长从48小时缩短至24小时", "对外响应时长"),
        ("1个月内，通过每周2次产品知识学习，使产品知识测试分数从65分提升至85分", "产品知识测试分数"),
    ],
)
def test_a_metric_that_begins_like_a_connecting_word_keeps_its_first_character(text, metric):
    assert smart.parse(text).metric == metric
