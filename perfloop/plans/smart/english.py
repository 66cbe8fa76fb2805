"""Reading a goal written in English: number words as digits, the deadline, the means and the
measurement."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

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
from perfloop.plans.smart.letters import ASK_BASELINE, Parsed
from perfloop.plans.smart.reading import NUM, Text, clean, substitute, to_number

_EN_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip


_EN_NUMBER = re.compile(
    r"\b(" + "|".join(_EN_WORDS) + r")(?:-(one|two|three|four|five|six|seven|eight|nine))?\b(?!-on-)",
    re.I,
)


def normalise_en(source: str) -> tuple[str, str, list[int]]:
    source = unicodedata.normalize("NFKC", source)

    def number(match: re.Match) -> str:
        value = _EN_WORDS[match.group(1).lower()]
        if match.group(2):
            value += _EN_WORDS[match.group(2).lower()]
        return str(value)

    text, where = substitute(_EN_NUMBER, number, source, list(range(len(source) + 1)))
    return (source, *substitute(_EN_A_SPAN, lambda m: f"within 1 {m.group(1)}", text, where))


_EN_A_SPAN = re.compile(r"\b(?:within|in|inside) an? (day|week|month|quarter|year)\b", re.I)


_SPRINT_EN = re.compile(
    r"\b(?:(?:in|within|over|during)\s+)?(?:the\s+)?(?:next\s+)?(?:\d+\s+)?sprints?\b", re.I
)


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
        lambda t: quarter_end(*quarter_after(t, 1)),
    ),
    (
        re.compile(
            rf"\b(?:{_BY})?(?:the\s+)?(?:end\s+of\s+(?:the|this)\s+quarter|quarter[- ]end)\b|\bthis\s+quarter\b",
            re.I,
        ),
        lambda t: quarter_end(*quarter_after(t, 0)),
    ),
    (
        re.compile(rf"\b(?:{_BY})?(?:the\s+)?(?:end\s+of\s+(?:the\s+)?)?next\s+month\b", re.I),
        lambda t: month_end(*month_after(t, 1)),
    ),
    (
        re.compile(
            rf"\b(?:{_BY})?(?:the\s+)?(?:end\s+of\s+(?:the|this)\s+month|month[- ]end)\b|\bthis\s+month\b",
            re.I,
        ),
        lambda t: month_end(t.year, t.month),
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
        lambda t: next_after(t, lambda y: date(y, 6, 30)),
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


def deadline_en(work: Text, today: date, result: Parsed) -> None:
    text = work.text
    if match := _EN_SPAN.search(text):
        unit = match.group(2).lower()
        if re.search(r"working|business", match.group(0), re.I) and unit == "day":
            unit = "workday"
        result.deadline = after(today, float(match.group(1)), unit)
    elif match := _EN_ISO.search(text):
        result.deadline = safe_date(int(match[1]), int(match[2]), int(match[3]))
    elif match := _EN_END_MONTH.search(text):
        month = _MONTHS[match.group(1).lower()]
        year = match.group(2)
        result.deadline = (
            month_end(int(year), month) if year else next_after(today, lambda y: month_end(y, month))
        )
    elif (match := _EN_MONTH_DAY.search(text)) or (match := _EN_DAY_MONTH.search(text)):
        first, second, year = match.group(1), match.group(2), match.group(3)
        month, day = (
            (_MONTHS[first.lower()], int(second))
            if not first.isdigit()
            else (_MONTHS[second.lower()], int(first))
        )
        if year:
            result.deadline = safe_date(int(year), month, day)
        else:
            result.deadline = next_after(today, lambda y: safe_date(y, month, day) or month_end(y, month))
    elif match := _EN_QUARTER.search(text):
        quarter, year = int(match[1]), match.group(2)
        result.deadline = (
            quarter_end(int(year), quarter) if year else next_after(today, lambda y: quarter_end(y, quarter))
        )
    else:
        for pattern, resolve in _EN_NAMED:
            if match := pattern.search(text):
                result.deadline = resolve(today)
                break
    if match:
        work.blank(match.start(), match.end())
    ask_sprint(work, result, _SPRINT_EN)


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


def means_en(work: Text, result: Parsed) -> None:
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
    r"onboard|visit|land|book|attend|"
    # a development goal's: "lead one customer project", "mentor 2 new hires"
    r"lead|own|mentor|coach|train|teach|manage|chair|organi[sz]e|launch"
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


def measure_en(work: Text, result: Parsed) -> None:
    text = work.text
    metric_span = None
    after = None  # where the words after the number start, for "at least 90% on the compliance quiz"
    if match := _EN_FROM_TO.search(text):
        result.baseline, result.target = to_number(match[1]), to_number(match[3])
        result.unit = _en_unit(match[4]) or _en_unit(match[2])
        result.direction = "up" if result.target > result.baseline else "down"
        metric_span = _clause_before(work, match.start())
    elif match := _EN_BOUND.search(text):
        result.target, result.unit = to_number(match[2]), _en_unit(match[3])
        result.direction = "up" if match[1].lower() in _EN_AT_LEAST else "down"
        metric_span, after = _clause_before(work, match.start()), match.end(2)
    elif match := _EN_OR_MORE.search(text):
        result.target, result.unit = to_number(match[1]), _en_unit(match[2])
        result.direction = "down" if match[3].lower() in ("less", "lower", "fewer", "below") else "up"
        metric_span, after = _clause_before(work, match.start()), match.end()
    elif match := _EN_COUNT.search(text):
        result.target = to_number(match[1])
        result.direction = "up"
        result.metric = clean(work, match.start(2), match.end(2), _EN_LEAD, _EN_TAIL)
    elif match := _EN_BY.search(text):
        result.direction = "down" if re.fullmatch(_EN_DOWN, match[1], re.I) else "up"
        result.unit = _en_unit(match[4])
        result.ask.append(ASK_BASELINE)
        metric_span = (match.start(2), match.end(2))
    elif match := _EN_TO.search(text):
        verb = match[1].lower()
        result.target, result.unit = to_number(match[3]), _en_unit(match[4])
        result.direction = (
            "down" if re.fullmatch(_EN_DOWN, verb, re.I) else None if verb in ("keep", "maintain") else "up"
        )
        metric_span, after = (match.start(2), match.end(2)), match.end(3)
    if metric_span and result.metric is None:
        result.metric = clean(work, *metric_span, _EN_LEAD, _EN_TAIL)
    if result.metric is None and result.unit and not _EN_UNIT_WORDS.match(result.unit):
        result.metric = result.unit  # "close at least 12 new accounts": the counted thing is the metric
    elif result.metric is None and after is not None:
        clause_end = work.clause_around(after, after, _EN_STOPS)[1]
        result.metric = clean(work, after, clause_end, _EN_UNIT_LEAD, _EN_TAIL)
    if result.direction is None and result.metric and _LOWER_WORDS_EN.search(result.metric):
        result.direction = "down"


_EN_UNIT_LEAD = re.compile(
    r"^(?:\s|%|(?:percent|per cent|points?|pts?|or more|or higher|or above|on|in|for|of|the)(?:\s+|$))+", re.I
)


def _clause_before(work: Text, end: int) -> tuple[int, int]:
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
