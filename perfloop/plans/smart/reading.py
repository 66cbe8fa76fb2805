"""Reading a sentence: the text with the spans already understood blanked out, numbers, and the
words of a metric cut cleanly; shared by both languages."""

from __future__ import annotations

import re

CJK = re.compile(r"[\u4e00-\u9fff]")


NUM = r"(\d+(?:\.\d+)?)"


class Text:
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


def substitute(pattern: re.Pattern, replace, text: str, where: list[int]) -> tuple[str, list[int]]:
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


def to_number(raw: str) -> float:
    value = float(raw)
    return int(value) if value.is_integer() else value


def clean(work: Text, start: int, end: int, lead: re.Pattern, tail: re.Pattern) -> str | None:
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
