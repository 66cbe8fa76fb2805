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

import calendar
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta

import cn2an
from dateutil.relativedelta import relativedelta

LETTERS = ("S", "M", "A", "R", "T")
CJK = re.compile(r"[\u4e00-\u9fff]")
NUM = r"(\d+(?:\.\d+)?)"
# Questions the parser asks back instead of guessing (the app words them in the user's language).
ASK_SPRINT = "sprint_length"
ASK_BASELINE = "baseline"


def letters(*, metric, target, means, relevant, deadline) -> dict[str, bool]:
    """Which SMART letters a goal meets; the same rule for parsed sentences and saved goals."""
    return {
        "S": bool(metric and str(metric).strip()),
        "M": target is not None,
        "A": bool(means and str(means).strip()),
        "R": bool(relevant),
        "T": deadline is not None,
    }


@dataclass
class Parsed:
    text: str
    lang: str
    metric: str | None = None
    unit: str | None = None
    baseline: float | None = None
    target: float | None = None
    direction: str | None = None  # "up" or "down": which way is better for the metric
    deadline: date | None = None
    means: str | None = None
    relevant: bool = False
    ask: list[str] = field(default_factory=list)

    def letters(self) -> dict[str, bool]:
        return letters(
            metric=self.metric,
            target=self.target,
            means=self.means,
            relevant=self.relevant,
            deadline=self.deadline,
        )

    def as_dict(self) -> dict:
        met = self.letters()
        return {
            "specific": met["S"],
            "measurable": met["M"],
            "achievable": met["A"],
            "relevant": met["R"],
            "time_bound": met["T"],
            "metric": self.metric,
            "unit": self.unit,
            "baseline": _plain(self.baseline),
            "target": _plain(self.target),
            "direction": self.direction,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "means": self.means,
            "missing": [letter for letter in LETTERS if not met[letter]],
            "ask": list(self.ask),
            "lang": self.lang,
        }


def _plain(number):
    if number is None:
        return None
    return int(number) if float(number).is_integer() else number


def detect(text: str) -> str:
    return "zh" if CJK.search(text) else "en"


def parse(text: str, lang: str = "auto", today: date | None = None, relevant: bool = False) -> Parsed:
    text = (text or "").strip()
    lang = detect(text) if lang not in ("zh", "en") else lang
    today = today or date.today()
    result = Parsed(text=text, lang=lang, relevant=relevant)
    if not text:
        return result
    work = _Text(*(_normalise_zh(text) if lang == "zh" else _normalise_en(text)))
    if lang == "zh":
        _deadline_zh(work, today, result)
        _means_zh(work, result)
        _measure_zh(work, result)
    else:
        _deadline_en(work, today, result)
        _means_en(work, result)
        _measure_en(work, result)
    return result


class _Text:
    """The sentence being read, with the spans already understood blanked out.

    ``original`` is the sentence with digits for numerals; ``source`` is what the writer typed
    (NFKC-normalised) and ``where`` maps each position of the first to the second, so that a
    metric or a means is shown in the writer's own words (一次交验合格率, not 1次交验合格率).
    """

    def __init__(self, source: str, text: str | None = None, where: list[int] | None = None):
        self.source = source
        self.original = source if text is None else text
        self.text = self.original
        self.where = where or list(range(len(source) + 1))

    def words(self, start: int, end: int) -> str:
        return self.source[self.where[start] : self.where[end]]

    def blank(self, start: int, end: int) -> None:
        self.text = self.text[:start] + " " * (end - start) + self.text[end:]

    def clause_around(self, start: int, end: int, stops: str) -> tuple[int, int]:
        left = max(self.original.rfind(ch, 0, start) for ch in stops) + 1
        rights = [i for i in (self.original.find(ch, end) for ch in stops) if i != -1]
        return left, min(rights) if rights else len(self.original)


# ---------------------------------------------------------------- numbers

_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万]+(?:点[零〇一二两三四五六七八九]+)?")
# A Chinese numeral is a number only when it counts something or follows a word that takes one.
_COUNTED = "周个月天日年季次分小时章项篇件单人场门节本元倍岁名位家条遍轮课通星级页%期"
_BEFORE_NUMBER = "从由至到为达第每于比前后低高过少多约近超前"


def _substitute(pattern: re.Pattern, replace, text: str, where: list[int]) -> tuple[str, list[int]]:
    """re.sub that also carries the map from each new position to the writer's text."""
    parts, mapped, last = [], [], 0
    for match in pattern.finditer(text):
        new = replace(match)
        parts += [text[last : match.start()], new]
        mapped += where[last : match.start()] + [where[match.start()]] * len(new)
        last = match.end()
    parts.append(text[last:])
    mapped += where[last:]
    return "".join(parts), mapped


_PERCENT_ZH = re.compile(r"百分之([零〇一二两三四五六七八九十百点\d.]+)")


def _normalise_zh(source: str) -> tuple[str, str, list[int]]:
    source = unicodedata.normalize("NFKC", source)
    text, where = _substitute(_PERCENT_ZH, lambda m: m.group(1) + "%", source, list(range(len(source) + 1)))

    def number(match: re.Match) -> str:
        text = match.string
        run = match.group(0)
        after = text[match.end() : match.end() + 1]
        before = text[match.start() - 1 : match.start()] if match.start() else ""
        if run == "十" and after == "分" and CJK.match(text[match.end() + 1 : match.end() + 2] or "x"):
            return run  # 十分重要: "very", not ten points
        if not (after and after in _COUNTED) and not (before and before in _BEFORE_NUMBER):
            return run
        try:
            value = cn2an.cn2an(run, "smart")
        except (ValueError, KeyError):
            return run
        return str(_plain(value))

    return (source, *_substitute(_CN_RUN, number, text, where))


_EN_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_EN_NUMBER = re.compile(
    r"\b(" + "|".join(_EN_WORDS) + r")(?:-(one|two|three|four|five|six|seven|eight|nine))?\b(?!-on-)",
    re.I,
)


def _normalise_en(source: str) -> tuple[str, str, list[int]]:
    source = unicodedata.normalize("NFKC", source)

    def number(match: re.Match) -> str:
        value = _EN_WORDS[match.group(1).lower()]
        if match.group(2):
            value += _EN_WORDS[match.group(2).lower()]
        return str(value)

    text, where = _substitute(_EN_NUMBER, number, source, list(range(len(source) + 1)))
    return (source, *_substitute(_EN_A_SPAN, lambda m: f"within 1 {m.group(1)}", text, where))


_EN_A_SPAN = re.compile(r"\b(?:within|in|inside) an? (day|week|month|quarter|year)\b", re.I)


def _number(raw: str) -> float:
    value = float(raw)
    return int(value) if value.is_integer() else value


# ---------------------------------------------------------------- dates


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter_end(year: int, quarter: int) -> date:
    return _month_end(year, quarter * 3)


def _next(today: date, candidate_for_year) -> date:
    """A date named without a year: this year's, or next year's once this year's has passed."""
    this_year = candidate_for_year(today.year)
    return this_year if this_year >= today else candidate_for_year(today.year + 1)


def _after(today: date, amount: float, unit: str) -> date | None:
    if unit in ("day", "天", "日"):
        return today + timedelta(days=round(amount))
    if unit == "workday":
        day, left = today, round(amount)
        while left:
            day += timedelta(days=1)
            left -= day.weekday() < 5
        return day
    if unit in ("week", "周", "星期", "礼拜"):
        return today + timedelta(days=round(amount * 7))
    months = {"month": 1, "月": 1, "quarter": 3, "季度": 3, "year": 12, "年": 12}.get(unit)
    if months is None:
        return None
    whole = amount * months
    if float(whole).is_integer():
        return today + relativedelta(months=int(whole))
    return today + relativedelta(months=int(whole), days=round((whole % 1) * 30))


_ZH_SPAN = re.compile(
    r"(?:在|用|于)?(?:未来|接下来|今后)?(?<![上下])(半|\d+(?:\.\d+)?)\s*个?\s*(半)?\s*"
    r"(工作日|天|日|周|星期|礼拜|月|年|季度)(?:时间)?(?:内|之内|以内|后|之后|里)"
)
_ZH_DATE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]\s*(?:前|之前|以前|为止)?")
_ZH_MONTH = re.compile(
    r"(?:(\d{4})\s*年\s*)?(?<![个\d])(\d{1,2})\s*月\s*(?:底|末|份|结束)\s*(?:前|之前|以前)?"
)
_ZH_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\s*(?:前|之前|以前)?")
_ZH_NAMED = [
    (re.compile(r"(?:明年)(?:年底|年末)(?:前|之前)?"), lambda t: date(t.year + 1, 12, 31)),
    (re.compile(r"(?:今年|本年度?)?(?:年底|年末|年终)(?:前|之前)?"), lambda t: date(t.year, 12, 31)),
    (re.compile(r"下(?:个)?季度(?:末|底|内|结束前)?(?:前)?"), lambda t: _quarter_end(*_quarter_after(t, 1))),
    (
        re.compile(r"(?:本|这个|当前|本个)?季度(?:末|底|结束)(?:前|之前)?|(?:本|这个)季度(?:内)?"),
        lambda t: _quarter_end(*_quarter_after(t, 0)),
    ),
    (re.compile(r"下(?:个)?月(?:底|末|内)?(?:前)?"), lambda t: _month_end(*_month_after(t, 1))),
    (
        re.compile(r"(?:本|这个|当)?月(?:底|末)(?:前|之前)?|(?:本|这个)月(?:内)?"),
        lambda t: _month_end(t.year, t.month),
    ),
    (re.compile(r"上半年(?:内|结束前)?"), lambda t: _next(t, lambda y: date(y, 6, 30))),
    (re.compile(r"下半年(?:内|结束前)?"), lambda t: date(t.year, 12, 31)),
    (re.compile(r"下周(?:内|末)?(?:前)?"), lambda t: t + timedelta(days=13 - t.weekday())),
    (re.compile(r"(?:本|这)周(?:内|末)(?:前)?"), lambda t: t + timedelta(days=6 - t.weekday())),
]
_ZH_QUARTER = re.compile(
    r"(?:(\d{4})\s*年\s*)?(?:第\s*([1-4])\s*季度|Q([1-4]))(?:末|底|结束)?(?:前|之前)?", re.I
)
_SPRINT_ZH = re.compile(r"(?:在|用)?\s*(?:\d+\s*个?\s*)?(?:迭代|冲刺)(?:周期)?(?:内|之内|里)?")
_SPRINT_EN = re.compile(
    r"\b(?:(?:in|within|over|during)\s+)?(?:the\s+)?(?:next\s+)?(?:\d+\s+)?sprints?\b", re.I
)


def _quarter_after(today: date, ahead: int) -> tuple[int, int]:
    index = today.year * 4 + (today.month - 1) // 3 + ahead
    return index // 4, index % 4 + 1


def _month_after(today: date, ahead: int) -> tuple[int, int]:
    index = today.year * 12 + today.month - 1 + ahead
    return index // 12, index % 12 + 1


def _deadline_zh(work: _Text, today: date, result: Parsed) -> None:
    text = work.text
    if match := _ZH_SPAN.search(text):
        amount = 0.5 if match.group(1) == "半" else float(match.group(1))
        amount += 0.5 if match.group(2) else 0
        unit = "workday" if match.group(3) == "工作日" else match.group(3)
        result.deadline = _after(today, amount, unit)
    elif match := _ZH_ISO.search(text):
        result.deadline = _safe_date(int(match[1]), int(match[2]), int(match[3]))
    elif match := _ZH_DATE.search(text):
        year, month, day = match.group(1), int(match[2]), int(match[3])
        if year:
            result.deadline = _safe_date(int(year), month, day)
        elif 1 <= month <= 12:
            result.deadline = _next(today, lambda y: _safe_date(y, month, day) or date(y, 12, 31))
    elif match := _ZH_MONTH.search(text):
        year, month = match.group(1), int(match[2])
        if 1 <= month <= 12:
            result.deadline = (
                _month_end(int(year), month) if year else _next(today, lambda y: _month_end(y, month))
            )
    elif match := _ZH_QUARTER.search(text):
        quarter = int(match[2] or match[3])
        year = match.group(1)
        result.deadline = (
            _quarter_end(int(year), quarter) if year else _next(today, lambda y: _quarter_end(y, quarter))
        )
    else:
        for pattern, resolve in _ZH_NAMED:
            if match := pattern.search(text):
                result.deadline = resolve(today)
                break
    if match:
        work.blank(match.start(), match.end())
    _ask_sprint(work, result, _SPRINT_ZH)


def _ask_sprint(work: _Text, result: Parsed, pattern: re.Pattern) -> None:
    """A deadline in sprints depends on the team's sprint length: ask, do not guess."""
    if result.deadline is None and (sprint := pattern.search(work.text)):
        result.ask.append(ASK_SPRINT)
        work.blank(sprint.start(), sprint.end())


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_MONTHS = {
    name: index
    for index, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}  # fmt: skip
_MONTH = r"(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_BY = r"(?:by|before|until|till|no later than|on or before|due)\s+(?:the\s+)?"
_EN_SPAN = re.compile(
    r"\b(?:within|in|over|inside|during)\s+(?:the\s+)?(?:next\s+|coming\s+)?(\d+(?:\.\d+)?)\s+"
    r"(?:working\s+|business\s+)?(day|week|month|quarter|year)s?(?:'|'s)?(?:\s+time)?\b",
    re.I,
)
_EN_ISO = re.compile(rf"\b(?:{_BY})?(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})\b", re.I)
_EN_MONTH_DAY = re.compile(rf"\b(?:{_BY})?{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s*(\d{{4}}))?\b", re.I)
_EN_DAY_MONTH = re.compile(
    rf"\b(?:{_BY})?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s*(\d{{4}}))?\b", re.I
)
_EN_END_MONTH = re.compile(rf"\b(?:{_BY})?(?:the\s+)?end\s+of\s+{_MONTH}(?:\s+(\d{{4}}))?\b", re.I)
_EN_QUARTER = re.compile(
    r"\b(?:" + _BY + r")?(?:the\s+)?(?:end\s+of\s+)?(?:the\s+)?Q([1-4])(?:\s+(\d{4}))?\b", re.I
)
_EN_NAMED = [
    (
        re.compile(rf"\b(?:{_BY})?(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?next\s+quarter\b", re.I),
        lambda t: _quarter_end(*_quarter_after(t, 1)),
    ),
    (
        re.compile(
            rf"\b(?:{_BY})?(?:the\s+)?(?:end\s+of\s+(?:the|this)\s+quarter|quarter[- ]end)\b|\bthis\s+quarter\b",
            re.I,
        ),
        lambda t: _quarter_end(*_quarter_after(t, 0)),
    ),
    (
        re.compile(rf"\b(?:{_BY})?(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?next\s+month\b", re.I),
        lambda t: _month_end(*_month_after(t, 1)),
    ),
    (
        re.compile(
            rf"\b(?:{_BY})?(?:the\s+)?(?:end\s+of\s+(?:the|this)\s+month|month[- ]end)\b|\bthis\s+month\b",
            re.I,
        ),
        lambda t: _month_end(t.year, t.month),
    ),
    (
        re.compile(
            rf"\b(?:{_BY})?(?:the\s+)?(?:end\s+of\s+(?:the|this)\s+year|year[- ]end)\b|\bthis\s+year\b", re.I
        ),
        lambda t: date(t.year, 12, 31),
    ),
    (
        re.compile(
            r"\b(?:in|during|by the end of|within)\s+the\s+first\s+half(?:\s+of\s+(?:the|this)\s+year)?\b|\bH1\b",
            re.I,
        ),
        lambda t: _next(t, lambda y: date(y, 6, 30)),
    ),
    (
        re.compile(
            r"\b(?:in|during|by the end of|within)\s+the\s+second\s+half(?:\s+of\s+(?:the|this)\s+year)?\b|\bH2\b",
            re.I,
        ),
        lambda t: date(t.year, 12, 31),
    ),
    (
        re.compile(rf"\b(?:{_BY})?(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?next\s+week\b", re.I),
        lambda t: t + timedelta(days=13 - t.weekday()),
    ),
]


def _deadline_en(work: _Text, today: date, result: Parsed) -> None:
    text = work.text
    if match := _EN_SPAN.search(text):
        unit = match.group(2).lower()
        if re.search(r"working|business", match.group(0), re.I) and unit == "day":
            unit = "workday"
        result.deadline = _after(today, float(match.group(1)), unit)
    elif match := _EN_ISO.search(text):
        result.deadline = _safe_date(int(match[1]), int(match[2]), int(match[3]))
    elif match := _EN_END_MONTH.search(text):
        month = _MONTHS[match.group(1).lower()]
        year = match.group(2)
        result.deadline = (
            _month_end(int(year), month) if year else _next(today, lambda y: _month_end(y, month))
        )
    elif (match := _EN_MONTH_DAY.search(text)) or (match := _EN_DAY_MONTH.search(text)):
        first, second, year = match.group(1), match.group(2), match.group(3)
        month, day = (
            (_MONTHS[first.lower()], int(second))
            if not first.isdigit()
            else (_MONTHS[second.lower()], int(first))
        )
        if year:
            result.deadline = _safe_date(int(year), month, day)
        else:
            result.deadline = _next(today, lambda y: _safe_date(y, month, day) or _month_end(y, month))
    elif match := _EN_QUARTER.search(text):
        quarter, year = int(match[1]), match.group(2)
        result.deadline = (
            _quarter_end(int(year), quarter) if year else _next(today, lambda y: _quarter_end(y, quarter))
        )
    else:
        for pattern, resolve in _EN_NAMED:
            if match := pattern.search(text):
                result.deadline = resolve(today)
                break
    if match:
        work.blank(match.start(), match.end())
    _ask_sprint(work, result, _SPRINT_EN)


# ---------------------------------------------------------------- means

_ZH_STOPS = "，,；;。！!？?\n"
_ZH_MEANS_INTRO = re.compile(
    r"(?:通过|借助|利用|依靠|采用|采取|凭借)([^，,；;。！!？?\n]+?)(?:的方式|的方法|等方式)?(?=[，,；;。！!？?\n]|$|[使让将把])"
)
# 通过考试 is passing an exam, not a means.
_ZH_PASS = re.compile(r"^[^，,；;。]{0,16}(?:考试|认证|考核|答辩|评审|测试|验收|试用期|审核)$")
_ZH_MENTOR = re.compile(r"在[^，,；;。]{1,12}?(?:的)?(?:指导|帮助|辅导|带领)下")
_ZH_FREQUENCY = re.compile(
    r"每(?:天|日|周|星期|月|两周|个工作日|次)[\u4e00-\u9fff]{0,4}?\s*\d+(?:\.\d+)?\s*(?:次|小时|分钟|个|篇|章|单|家|通|遍|页|道题?)"
)
# "提升至每月15单", "从每月40小时": a rate in the measurement, not a means.
_ZH_MEASURE_BEFORE = re.compile(r"(?:至|到|从|由|为|达|在|于)\s*$")


def _means_zh(work: _Text, result: Parsed) -> None:
    text = work.text
    intro = _ZH_MEANS_INTRO.search(text)
    if intro and _ZH_PASS.match(intro.group(1).strip()):
        intro = None
    if intro:
        result.means = work.words(intro.start(1), intro.end(1)).strip()
        work.blank(intro.start(), intro.end())
    elif match := _ZH_MENTOR.search(text):
        result.means = work.words(match.start(), match.end()).strip()
        work.blank(match.start(), match.end())
    frequencies = [
        match
        for match in _ZH_FREQUENCY.finditer(work.text)
        if not _ZH_MEASURE_BEFORE.search(work.text[max(0, match.start() - 3) : match.start()])
    ]
    if frequencies and result.means is None:
        first = frequencies[0]
        start, end = work.clause_around(first.start(), first.end(), _ZH_STOPS)
        result.means = work.words(start, end).strip()
        work.blank(start, end)
    # Other frequency phrases belong to the means too, never to the target.
    for match in frequencies:
        work.blank(match.start(), match.end())


_EN_STOPS = ",;.!?\n"
_EN_ACTIVITY = (
    r"(?:calls?|meetings?|sessions?|check-ins?|one-on-ones?|1-on-1s?|1:1s?|reviews?|stand-ups?|standups?|practice|"
    r"study|lessons?|classes|class|coaching|mentoring|training|workshops?|drills?|exercises?|retros?|retrospectives?|"
    r"syncs?|huddles?|feedback|reading|role-plays?)"
)
_EN_MEANS_INTRO = re.compile(
    r"\b(?:through|via|by means of|with the help of|using|by(?=\s+\w+ing\b)|with(?=\s+(?:\d+\s+)?(?:daily|weekly|biweekly|"
    r"fortnightly|monthly|regular|a\s+mentor|mentoring|coaching)\b))\s+([^,;.!?\n]+)",
    re.I,
)
_EN_FREQUENCY = re.compile(
    r"\b(?:(?:\d+|once|twice)\s+(?:[a-z-]+\s+){0,3}?(?:a|per|each|every)\s+(?:day|week|month)"
    rf"|(?:daily|weekly|biweekly|fortnightly|monthly)\s+(?:[a-z-]+\s+)?{_EN_ACTIVITY}|every\s+(?:day|week|morning|friday|monday))\b",
    re.I,
)
_EN_MEASURE_BEFORE = re.compile(
    r"(?:\b(?:to|from|least|most|under|below|above|over|than|of|reach|hit|handle|achieve)\s+|\d\s*%?\s*(?:[a-z-]+\s+)?)$",
    re.I,
)
_EN_TRAILING_MEASURE = re.compile(
    r"\s+(?:to|so that|so|in order to|and)\s+(?:raise|increase|improve|reduce|cut|lower|get|bring|reach|lift|boost|grow|"
    r"decrease|score|achieve|hit|keep|complete|finish|close|deliver|pass)\b.*$",
    re.I,
)


def _means_en(work: _Text, result: Parsed) -> None:
    text = work.text
    if match := _EN_MEANS_INTRO.search(text):
        means = match.group(1)
        trail = _EN_TRAILING_MEASURE.search(means)
        end = match.start(1) + (trail.start() if trail else len(means))
        result.means = work.words(match.start(1), end).strip()
        work.blank(match.start(), end)
        return
    for match in _EN_FREQUENCY.finditer(text):
        if _EN_MEASURE_BEFORE.search(text[max(0, match.start() - 24) : match.start()]):
            continue
        start, end = work.clause_around(match.start(), match.end(), _EN_STOPS)
        trail = _EN_TRAILING_MEASURE.search(work.original[start:end])
        if trail and start + trail.start() >= match.end():
            end = start + trail.start()
        elif trail:
            start, end = match.start(), match.end()
        result.means = work.words(start, end).strip()
        work.blank(start, end)
        return


# ---------------------------------------------------------------- measurement

_ZH_UNIT = r"(个百分点|万元|小时|分钟|工作日|%|分|次|个|天|元|单|件|人|项|章|篇|份|字|套|款|张|家|位|条|笔|星|级|场|本|门|节|遍|页|倍|秒|周)?"
_UP = "提升|提高|增加|增长|上升|升|改善|达到|达|突破|超过|增至|提至"
_DOWN = "降低|下降|减少|降|缩短|缩减|压缩|控制|减至|降至|压降"
_RATE = r"(?:每(?:天|日|周|月|分钟|小时|人|单|次)\s*)?"
_ZH_FROM_TO = re.compile(
    rf"(?:从|由)\s*{_RATE}{NUM}\s*{_ZH_UNIT}\s*(?:({_UP}|{_DOWN}|变)\s*)?(?:至|到|为|成)\s*{_RATE}{NUM}\s*{_ZH_UNIT}\s*"
    r"(以上|以下|以内|及以上|及以下)?"
)
_ZH_ARROW = re.compile(rf"{NUM}\s*{_ZH_UNIT}\s*(?:→|->|—>|=>)\s*{NUM}\s*{_ZH_UNIT}")
_ZH_TO = re.compile(
    rf"({_UP}|{_DOWN}|保持)\s*(?:到|至|为|在)?\s*{_RATE}{NUM}\s*{_ZH_UNIT}\s*"
    r"(以上|以下|以内|及以上|及以下|或以上|或更高|或更低)?"
)
_ZH_AT_LEAST = ("不低于", "不少于", "至少", "最少", "大于等于", "≥", ">=")
_ZH_BOUND = re.compile(
    r"(不低于|不少于|至少|最少|大于等于|≥|>=|不超过|不高于|不多于|至多|最多|小于等于|≤|<=|低于|少于|小于)\s*"
    rf"(?:要|需)?(?:达到|达|为|在|保持在)?\s*{NUM}\s*{_ZH_UNIT}"
)
_ZH_BY = re.compile(rf"({_UP}|{_DOWN})\s*了?\s*{NUM}\s*(%|个百分点|分)(?!\s*(?:以上|以下))")
_ZH_COUNT = re.compile(
    r"(?:完成|做到|输出|撰写|提交|交付|拜访|开发|签约|签下|阅读|读完|学完|掌握|新增|获得|拿下|参加|请教|负责|主持|组织|带教)"
    rf"\s*(?:前)?\s*{NUM}\s*{_ZH_UNIT}\s*([^，,；;。！!？?\n]*)"
)
_ZH_AT = re.compile(rf"{NUM}\s*{_ZH_UNIT}\s*(以上|及以上|或以上|以下|以内|及以下)")
_ZH_LEAD = re.compile(
    r"^(?:并且|并|且|要|需要|需|必须|确保|保证|争取|力争|力求|实现|使得|使|让|将|把|的|在|对|，|,|\s)+"
)
_ZH_TAIL = re.compile(r"(?:的|要|需|能|能够|可以|水平|\s|，|,|、|:|：)+$")
_LOWER_WORDS = re.compile(
    r"投诉|差错|错误|出错|失误|缺陷|bug|故障|事故|返工|延误|延期|逾期|流失|成本|时长|时间|耗时|周期|天数|违规|迟到|退货|客诉|积压",
    re.I,
)


def _measure_zh(work: _Text, result: Parsed) -> None:
    text = work.text
    metric_end = None
    if match := _ZH_FROM_TO.search(text):
        result.baseline, result.target = _number(match[1]), _number(match[4])
        result.unit = match[5] or match[2]
        result.direction = _direction(match[3], match[6], result.baseline, result.target)
        metric_end = match.start()
    elif match := _ZH_ARROW.search(text):
        result.baseline, result.target = _number(match[1]), _number(match[3])
        result.unit = match[4] or match[2]
        result.direction = "up" if result.target >= result.baseline else "down"
        metric_end = match.start()
    elif match := _ZH_BOUND.search(text):
        result.target, result.unit = _number(match[2]), match[3]
        result.direction = "up" if match[1] in _ZH_AT_LEAST else "down"
        metric_end = match.start()
    elif match := _ZH_TO.search(text):
        result.target, result.unit = _number(match[2]), match[3]
        result.direction = _direction(match[1], match[4], None, None)
        metric_end = match.start()
    elif match := _ZH_COUNT.search(text):
        result.target, result.unit = _number(match[1]), match[2]
        result.direction = "up"
        result.metric = _clean(work, match.start(3), match.end(3), _ZH_LEAD, _ZH_TAIL)
    elif match := _ZH_AT.search(text):
        result.target, result.unit = _number(match[1]), match[2]
        result.direction = "down" if match[3] in ("以下", "以内", "及以下") else "up"
        metric_end = match.start()
    elif match := _ZH_BY.search(text):
        result.direction = "down" if re.fullmatch(_DOWN, match[1]) else "up"
        result.unit = match[3]
        result.ask.append(ASK_BASELINE)
        metric_end = match.start()
    if metric_end is not None:
        start, _ = work.clause_around(metric_end, metric_end, _ZH_STOPS)
        result.metric = _clean(work, start, metric_end, _ZH_LEAD, _ZH_TAIL)
    result.unit = result.unit or None
    if result.direction is None and result.metric and _LOWER_WORDS.search(result.metric):
        result.direction = "down"


def _clean(work: _Text, start: int, end: int, lead: re.Pattern, tail: re.Pattern) -> str | None:
    """The writer's words between start and end, without the connecting words around them."""
    segment = work.text[start:end]
    if match := lead.match(segment):
        start += match.end()
    segment = work.text[start:end]
    if match := tail.search(segment):
        end = start + match.start()
    if end <= start:
        return None
    words = re.sub(r"\s+", " ", work.words(start, end)).strip(" ，,、:：;")
    return words or None


def _direction(verb, suffix, baseline, target) -> str | None:
    if suffix and suffix.endswith(("以下", "以内", "更低")):
        return "down"
    if verb and re.fullmatch(_DOWN, verb):
        return "down"
    if baseline is not None and target is not None and target != baseline:
        return "up" if target > baseline else "down"
    if verb and re.fullmatch(_UP, verb):
        return "up"
    if suffix:
        return "up"
    return None


_EN_UNIT = (
    r"(%|percent\b|per cent\b|percentage points?\b|points?\b|pts?\b|k\b|[a-z][a-z-]*(?:\s+[a-z][a-z-]*)?)?"
)
_EN_UP = r"raise|increase|improve|grow|lift|boost|get|bring|push|take|move"
_EN_DOWN = r"reduce|cut|lower|decrease|shorten|drop|bring down|limit|cap"
_EN_FROM_TO = re.compile(
    rf"\bfrom\s+(?:an?\s+)?{NUM}\s*(%|percent\b|points?\b|pts?\b|k\b|[a-z]+\b)?\s*(?:down\s+|up\s+)?to\s+{NUM}\s*{_EN_UNIT}",
    re.I,
)
_EN_AT_LEAST = (
    "at least",
    "no less than",
    "not less than",
    "a minimum of",
    "minimum of",
    "above",
    "over",
    "more than",
)
_EN_BOUND = re.compile(
    r"\b(at least|no less than|not less than|a minimum of|minimum of|above|over|more than|at most|no more than|"
    rf"not more than|a maximum of|under|below|fewer than|less than)\s+{NUM}\s*{_EN_UNIT}",
    re.I,
)
_EN_OR_MORE = re.compile(
    rf"\b{NUM}\s*{_EN_UNIT}\s+or\s+(more|higher|above|better|less|lower|fewer|below)\b", re.I
)
_EN_TO = re.compile(
    rf"\b({_EN_UP}|{_EN_DOWN}|reach|hit|achieve|score|keep|maintain)\b([^,;.\d]*?)\s+(?:to\s+|of\s+|at\s+)?{NUM}\s*{_EN_UNIT}",
    re.I,
)
_EN_COUNT_VERBS = (
    r"complete|finish|deliver|write|publish|close|sign|run|hold|read|make|win|resolve|handle|ship|give|present|submit|"
    r"onboard|visit|land|book|attend"
)
_EN_COUNT = re.compile(
    rf"\b(?:{_EN_COUNT_VERBS})\s+(?:the\s+|all\s+)?(?:first\s+|next\s+|last\s+)?{NUM}\s+([a-z][^,;.!?\n]*)",
    re.I,
)
_EN_BY = re.compile(
    rf"\b({_EN_UP}|{_EN_DOWN})\b([^,;.\d]*?)\s+by\s+{NUM}\s*(%|percent\b|percentage points?\b|points?\b)",
    re.I,
)
_EN_LEAD = re.compile(
    rf"^(?:\s|(?:and|to|so that|so|the|a|an|my|our|his|her|their|your|i|we|will|should|must|can|have|has|keep|"
    rf"maintain|{_EN_UP}|{_EN_DOWN}|{_EN_COUNT_VERBS}|reach|hit|achieve|score|of|on|in|for)(?:\s+|$))+",
    re.I,
)
_EN_TAIL = re.compile(
    r"(?:\s|(?<=\s)(?:of|at|to|on|in|for|is|be|from|up|down|by|and|within|before|a|per|each)|(?<=^)(?:of|on|in|for))+$",
    re.I,
)
_EN_UNIT_WORDS = re.compile(r"^(?:%|percent|per cent|points?|pts?|percentage points?|k)$", re.I)
_EN_NOT_UNIT = (
    "or",
    "and",
    "by",
    "on",
    "in",
    "for",
    "within",
    "before",
    "a",
    "per",
    "each",
    "the",
    "from",
    "to",
    "at",
    "with",
)
_LOWER_WORDS_EN = re.compile(
    r"complaint|error|mistake|defect|bug|incident|rework|delay|late|churn|cost|time|backlog|escalation|days|cycle",
    re.I,
)


def _measure_en(work: _Text, result: Parsed) -> None:
    text = work.text
    metric_span = None
    after = None  # where the words after the number start, for "at least 90% on the compliance quiz"
    if match := _EN_FROM_TO.search(text):
        result.baseline, result.target = _number(match[1]), _number(match[3])
        result.unit = _en_unit(match[4]) or _en_unit(match[2])
        result.direction = "up" if result.target > result.baseline else "down"
        metric_span = _clause_before(work, match.start())
    elif match := _EN_BOUND.search(text):
        result.target, result.unit = _number(match[2]), _en_unit(match[3])
        result.direction = "up" if match[1].lower() in _EN_AT_LEAST else "down"
        metric_span, after = _clause_before(work, match.start()), match.end(2)
    elif match := _EN_OR_MORE.search(text):
        result.target, result.unit = _number(match[1]), _en_unit(match[2])
        result.direction = "down" if match[3].lower() in ("less", "lower", "fewer", "below") else "up"
        metric_span, after = _clause_before(work, match.start()), match.end()
    elif match := _EN_COUNT.search(text):
        result.target = _number(match[1])
        result.direction = "up"
        result.metric = _clean(work, match.start(2), match.end(2), _EN_LEAD, _EN_TAIL)
    elif match := _EN_BY.search(text):
        result.direction = "down" if re.fullmatch(_EN_DOWN, match[1], re.I) else "up"
        result.unit = _en_unit(match[4])
        result.ask.append(ASK_BASELINE)
        metric_span = (match.start(2), match.end(2))
    elif match := _EN_TO.search(text):
        verb = match[1].lower()
        result.target, result.unit = _number(match[3]), _en_unit(match[4])
        result.direction = (
            "down" if re.fullmatch(_EN_DOWN, verb, re.I) else None if verb in ("keep", "maintain") else "up"
        )
        metric_span, after = (match.start(2), match.end(2)), match.end(3)
    if metric_span and result.metric is None:
        result.metric = _clean(work, *metric_span, _EN_LEAD, _EN_TAIL)
    if result.metric is None and result.unit and not _EN_UNIT_WORDS.match(result.unit):
        result.metric = result.unit  # "close at least 12 new accounts": the counted thing is the metric
    elif result.metric is None and after is not None:
        clause_end = work.clause_around(after, after, _EN_STOPS)[1]
        result.metric = _clean(work, after, clause_end, _EN_UNIT_LEAD, _EN_TAIL)
    if result.direction is None and result.metric and _LOWER_WORDS_EN.search(result.metric):
        result.direction = "down"


_EN_UNIT_LEAD = re.compile(
    r"^(?:\s|%|(?:percent|per cent|points?|pts?|or more|or higher|or above|on|in|for|of|the)(?:\s+|$))+", re.I
)


def _clause_before(work: _Text, end: int) -> tuple[int, int]:
    return work.clause_around(end, end, _EN_STOPS)[0], end


def _en_unit(unit: str | None) -> str | None:
    """The counted noun after a number: "24 hours", "12 new accounts", "90%"; None when none."""
    if not unit:
        return None
    words = unit.strip().split()
    if not words or words[0].lower() in _EN_NOT_UNIT:
        return None
    if unit.strip().lower() in ("percent", "per cent"):
        return "%"
    if len(words) > 1 and words[1].lower() in _EN_NOT_UNIT:
        return words[0]
    return " ".join(words)
