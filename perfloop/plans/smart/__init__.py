"""SMART check of an improvement goal, and the parser for a goal typed as one sentence.

Pure Python (no Django), so that it runs the same in pages, the API and ``manage.py smartcheck``.

    >>> parse("1个月内，通过每周2次产品知识学习(每次1小时)，使产品知识测试分数从65分提升至85分",
    ...       today=date(2026, 3, 2)).as_dict()["missing"]
    ['R']

The parser finds, in this order, the deadline, the means and the measurement, and blanks each
span once found so that "1个月内" or "每周2次" never becomes a target. Chinese numerals become
digits first (cn2an), only where they count something (两周, 六十五分, 第三季度), not in words
such as 一起 or 一对一. Dates are resolved against ``today`` with dateutil's relativedelta.
dateparser and Recognizers-Text were tried for the dates: the first takes milliseconds a call
and reads none of 两周内, 季度末 or 6月底前; the second is unmaintained since 2021.
"""

from __future__ import annotations

from datetime import date

from perfloop.plans.smart.chinese import deadline_zh, means_zh, measure_zh, normalise_zh
from perfloop.plans.smart.english import deadline_en, means_en, measure_en, normalise_en
from perfloop.plans.smart.letters import ASK_BASELINE, ASK_SPRINT, LETTERS, Parsed, letters
from perfloop.plans.smart.reading import CJK, Text

__all__ = ["ASK_BASELINE", "ASK_SPRINT", "LETTERS", "Parsed", "detect", "letters", "parse"]


def detect(text: str) -> str:
    return "zh" if CJK.search(text) else "en"


def parse(text: str, lang: str = "auto", today: date | None = None, relevant: bool = False) -> Parsed:
    text = (text or "").strip()
    lang = detect(text) if lang not in ("zh", "en") else lang
    today = today or date.today()
    result = Parsed(text=text, lang=lang, relevant=relevant)
    if not text:
        return result
    work = Text(*(normalise_zh(text) if lang == "zh" else normalise_en(text)))
    if lang == "zh":
        deadline_zh(work, today, result)
        means_zh(work, result)
        measure_zh(work, result)
    else:
        deadline_en(work, today, result)
        means_en(work, result)
        measure_en(work, result)
    return result
