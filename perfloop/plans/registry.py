"""What later stages add to a plan without editing this app: fields of its API answer and
sections of its page (the follow-up stage adds the computed status and the check-ins)."""

from collections.abc import Callable
from dataclasses import dataclass

# Each is called as fields(plan, user) and returns a dict merged into the plan's API answer.
PLAN_FIELDS: list[Callable] = []
PLAN_SECTIONS: list["PlanSection"] = []
# Each is called as written(plan_id) inside the transaction of every write of a plan (from
# `guards.lock`): what a later stage stores about the plan is computed again.
PLAN_WRITTEN: list[Callable] = []
# Each is called as marks(plans) with a page of plans and returns {plan id: (text, tone)}: a mark a
# list shows beside a plan (the follow-up stage's on or off track). Tone: a Bootstrap colour.
PLAN_MARKS: list[Callable] = []
# Called with no argument: the organisation's smallest group, below which a team's figure is not
# shown (the team reports' setting, given by the insights app); everyone counts until one is set.
SMALLEST_GROUP: list[Callable[[], int]] = []


@dataclass(frozen=True)
class PlanSection:
    name: str
    template: str
    context: Callable  # (request, plan) -> dict, given to the template as `section`
    order: int = 50


def add_plan_fields(fields: Callable) -> None:
    PLAN_FIELDS.append(fields)


def add_plan_section(section: PlanSection) -> None:
    PLAN_SECTIONS.append(section)
    PLAN_SECTIONS.sort(key=lambda s: s.order)


def on_plan_written(listener: Callable) -> None:
    PLAN_WRITTEN.append(listener)


def add_plan_marks(marks: Callable) -> None:
    PLAN_MARKS.append(marks)


def set_smallest_group(read: Callable[[], int]) -> None:
    SMALLEST_GROUP[:] = [read]


def smallest_group() -> int:
    return SMALLEST_GROUP[0]() if SMALLEST_GROUP else 1


def marks_of(plans: list) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list] = {}
    for marks in PLAN_MARKS:
        for pk, mark in marks(plans).items():
            found.setdefault(pk, []).append(mark)
    return found
