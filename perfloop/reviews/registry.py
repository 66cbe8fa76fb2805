"""What later apps plug into the review stage: inputs gathered before a cycle is scored (the online
rounds close those past their deadline, so that what was submitted counts)."""

from collections.abc import Callable

BEFORE_SCORING: list[Callable] = []


def add_before_scoring(fn: Callable) -> None:
    """`fn(cycle)` runs in scoring's transaction before the cycle's data is read."""
    if fn not in BEFORE_SCORING:
        BEFORE_SCORING.append(fn)
