"""What later apps plug into the review stage: inputs gathered before a cycle is scored (the online
rounds close those past their deadline, so that what was submitted counts), and the reviewers who
wrote under their own name (an attributed round), whose comments the person reads with the name."""

from collections.abc import Callable

BEFORE_SCORING: list[Callable] = []


def add_before_scoring(fn: Callable) -> None:
    """`fn(cycle)` runs in scoring's transaction before the cycle's data is read."""
    if fn not in BEFORE_SCORING:
        BEFORE_SCORING.append(fn)


# Each is called as fn(cycle_id, employee_id) and returns the ids of reviewers who agreed to be named.
ATTRIBUTED: list[Callable] = []


def add_attributed(fn: Callable) -> None:
    if fn not in ATTRIBUTED:
        ATTRIBUTED.append(fn)


def attributed(cycle_id: int, employee_id: int) -> set[int]:
    return {pk for fn in ATTRIBUTED for pk in fn(cycle_id, employee_id)}
