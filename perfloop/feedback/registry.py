"""What later apps plug into the feedback stage: more of the employee's own view beside the data
sheet of the preparation pack and the guided meeting (the online self-assessment)."""

from collections.abc import Callable

# Each is called as fn(record) and returns a list of sections {"title": str, "items": [(label, text)]}.
EMPLOYEE_VIEWS: list[Callable] = []


def add_employee_view(fn: Callable) -> None:
    if fn not in EMPLOYEE_VIEWS:
        EMPLOYEE_VIEWS.append(fn)


def employee_view(record) -> list[dict]:
    return [section for fn in EMPLOYEE_VIEWS for section in fn(record)]
