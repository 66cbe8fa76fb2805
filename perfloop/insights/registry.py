"""What later stages add to the outcome lists without editing this app."""

from collections.abc import Callable

# Each is called as marks(user, plans, cycle) with the page of a list shown and returns
# {plan id: (text, url)}: a link beside a candidate (a promotion dossier and its decision).
OUTCOME_MARKS: list[Callable] = []


def add_outcome_marks(marks: Callable) -> None:
    OUTCOME_MARKS.append(marks)


def outcome_marks(user, plans: list, cycle) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list] = {}
    for marks in OUTCOME_MARKS:
        for pk, mark in marks(user, plans, cycle).items():
            found.setdefault(pk, []).append(mark)
    return found
