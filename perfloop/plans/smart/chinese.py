"""Reading a goal written in Chinese: numerals as digits (only where they count something), the
deadline, the means and the measurement."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

import cn2an

from perfloop.plans.smart.dates import (
    after,
    ask_sprint,
    month_after,
    month_end,
    next_after,
    quarter_after,
    quarter_end,
    safe_date,
)
from perfloop.plans.smart.letters import ASK_BASELINE, Parsed, plain
from perfloop.plans.smart.reading import CJK, NUM, Text, clean, substitute, to_number

_CN_RUN = re.compile(r"[零〇一二两三四五六七八九十百千万]+(?:点[零〇一二两三四五六七八九]+)?")


# A Chinese numeral is a number only when it counts something or follows a word that takes one.
_COUNTED = "周个月天日年季次分小时章项篇件单人场门节本元倍岁名位家条遍轮课通星级页%期"


_BEFORE_NUMBER = "从由至到为达第每于比前后低高过少多约近超前"


_PERCENT_ZH = re.compile(r"百分之([零〇一二两三四五六七八九十百点\d.]+)")


def normalise_zh(source: str) -> tuple[str, str, list[int]]:
    source = unicodedata.normalize("NFKC", source)
    text, where = substitute(_PERCENT_ZH, lambda m: m.group(1) + "%", source, list(range(len(source) + 1)))

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
        return str(plain(value))

    return (source, *substitute(_CN_RUN, number, text, where))


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
    (re.compile(r"下(?:个)?季度(?:末|底|内|结束前)?(?:前)?"), lambda t: quarter_end(*quarter_after(t, 1))),
    (
        re.compile(r"(?:本|这个|当前|本个)?季度(?:末|底|结束)(?:前|之前)?|(?:本|这个)季度(?:内)?"),
        lambda t: quarter_end(*quarter_after(t, 0)),
    ),
    (re.compile(r"下(?:个)?月(?:底|末|内)?(?:前)?"), lambda t: month_end(*month_after(t, 1))),
    (
        re.compile(r"(?:本|这个|当)?月(?:底|末)(?:前|之前)?|(?:本|这个)月(?:内)?"),
        lambda t: month_end(t.year, t.month),
    ),
    (re.compile(r"上半年(?:内|结束前)?"), lambda t: next_after(t, lambda y: date(y, 6, 30))),
    (re.compile(r"下半年(?:内|结束前)?"), lambda t: date(t.year, 12, 31)),
    (re.compile(r"下周(?:内|末)?(?:前)?"), lambda t: t + timedelta(days=13 - t.weekday())),
    (re.compile(r"(?:本|这)周(?:内|末)(?:前)?"), lambda t: t + timedelta(days=6 - t.weekday())),
]


_ZH_QUARTER = re.compile(
    r"(?:(\d{4})\s*年\s*)?(?:第\s*([1-4])\s*季度|Q([1-4]))(?:末|底|结束)?(?:前|之前)?", re.I
)


_SPRINT_ZH = re.compile(r"(?:在|用)?\s*(?:\d+\s*个?\s*)?(?:迭代|冲刺)(?:周期)?(?:内|之内|里)?")


def deadline_zh(work: Text, today: date, result: Parsed) -> None:
    text = work.text
    if match := _ZH_SPAN.search(text):
        amount = 0.5 if match.group(1) == "半" else float(match.group(1))
        amount += 0.5 if match.group(2) else 0
        unit = "workday" if match.group(3) == "工作日" else match.group(3)
        result.deadline = after(today, amount, unit)
    elif match := _ZH_ISO.search(text):
        result.deadline = safe_date(int(match[1]), int(match[2]), int(match[3]))
    elif match := _ZH_DATE.search(text):
        year, month, day = match.group(1), int(match[2]), int(match[3])
        if year:
            result.deadline = safe_date(int(year), month, day)
        elif 1 <= month <= 12:
            result.deadline = next_after(today, lambda y: safe_date(y, month, day) or date(y, 12, 31))
    elif match := _ZH_MONTH.search(text):
        year, month = match.group(1), int(match[2])
        if 1 <= month <= 12:
            result.deadline = (
                month_end(int(year), month) if year else next_after(today, lambda y: month_end(y, month))
            )
    elif match := _ZH_QUARTER.search(text):
        quarter = int(match[2] or match[3])
        year = match.group(1)
        result.deadline = (
            quarter_end(int(year), quarter) if year else next_after(today, lambda y: quarter_end(y, quarter))
        )
    else:
        for pattern, resolve in _ZH_NAMED:
            if match := pattern.search(text):
                result.deadline = resolve(today)
                break
    if match:
        work.blank(match.start(), match.end())
    ask_sprint(work, result, _SPRINT_ZH)


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


def means_zh(work: Text, result: Parsed) -> None:
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


# Connecting words before a metric; a single character only when it does not begin a word of
# the metric itself (需求返工次数, 要求达成率, 对外响应时长, 在线时长).
_ZH_LEAD = re.compile(
    r"^(?:并且|并|且|要(?!求|素|点)|需要|需(?!求)|必须|确保|保证|争取|力争|力求|实现|使得|使|让|将|把|的|"
    r"在(?!线|岗|职|途)|对(?!外|内|象|手|比|接)|，|,|\s)+"
)


_ZH_TAIL = re.compile(r"(?:的|要|需|能|能够|可以|水平|\s|，|,|、|:|：)+$")


_LOWER_WORDS = re.compile(
    r"投诉|差错|错误|出错|失误|缺陷|bug|故障|事故|返工|延误|延期|逾期|流失|成本|时长|时间|耗时|周期|天数|违规|迟到|退货|客诉|积压",
    re.I,
)


def measure_zh(work: Text, result: Parsed) -> None:
    text = work.text
    metric_end = None
    if match := _ZH_FROM_TO.search(text):
        result.baseline, result.target = to_number(match[1]), to_number(match[4])
        result.unit = match[5] or match[2]
        result.direction = _direction(match[3], match[6], result.baseline, result.target)
        metric_end = match.start()
    elif match := _ZH_ARROW.search(text):
        result.baseline, result.target = to_number(match[1]), to_number(match[3])
        result.unit = match[4] or match[2]
        result.direction = "up" if result.target >= result.baseline else "down"
        metric_end = match.start()
    elif match := _ZH_BOUND.search(text):
        result.target, result.unit = to_number(match[2]), match[3]
        result.direction = "up" if match[1] in _ZH_AT_LEAST else "down"
        metric_end = match.start()
    elif match := _ZH_TO.search(text):
        result.target, result.unit = to_number(match[2]), match[3]
        result.direction = _direction(match[1], match[4], None, None)
        metric_end = match.start()
    elif match := _ZH_COUNT.search(text):
        result.target, result.unit = to_number(match[1]), match[2]
        result.direction = "up"
        result.metric = clean(work, match.start(3), match.end(3), _ZH_LEAD, _ZH_TAIL)
    elif match := _ZH_AT.search(text):
        result.target, result.unit = to_number(match[1]), match[2]
        result.direction = "down" if match[3] in ("以下", "以内", "及以下") else "up"
        metric_end = match.start()
    elif match := _ZH_BY.search(text):
        result.direction = "down" if re.fullmatch(_DOWN, match[1]) else "up"
        result.unit = match[3]
        result.ask.append(ASK_BASELINE)
        metric_end = match.start()
    if metric_end is not None:
        start, _ = work.clause_around(metric_end, metric_end, _ZH_STOPS)
        result.metric = clean(work, start, metric_end, _ZH_LEAD, _ZH_TAIL)
    result.unit = result.unit or None
    if result.direction is None and result.metric and _LOWER_WORDS.search(result.metric):
        result.direction = "down"


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
