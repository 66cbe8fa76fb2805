"""The five SMART letters of a goal, and what the parser found in a sentence."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

LETTERS = ("S", "M", "A", "R", "T")


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
            "baseline": plain(self.baseline),
            "target": plain(self.target),
            "direction": self.direction,
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "means": self.means,
            "missing": [letter for letter in LETTERS if not met[letter]],
            "ask": list(self.ask),
            "lang": self.lang,
        }


def plain(number):
    if number is None:
        return None
    return int(number) if float(number).is_integer() else number
