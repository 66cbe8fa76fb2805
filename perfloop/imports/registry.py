"""The kinds of import. Each app registers its own from `AppConfig.ready()`; this app knows none.

A kind brings its planner and apply (all rows checked, then all written or none), who may use it,
and an example file; the upload page, the API and the commands come with it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from perfloop.documents.writers import xlsx_bytes


@dataclass(frozen=True)
class ImportKind:
    code: str
    label: Any
    # plan(content, filename, *, user, cycle=None) -> a plan with .ok, .errors and .summary();
    # apply(...) the same, writing everything or raising ImportRefused.
    plan: Callable = field(repr=False)
    apply: Callable = field(repr=False)
    permission: Callable[[Any], bool] = field(repr=False)
    example_header: list[str] = field(default_factory=list, repr=False)
    example_rows: list[list] = field(default_factory=list, repr=False)
    needs_cycle: bool = False  # the data belongs to a review cycle, chosen on upload
    on_imports_page: bool = True  # offered on the imports page (cycle kinds are offered on the cycle's page)

    def example_xlsx(self) -> bytes:
        return xlsx_bytes(self.example_header, self.example_rows, "example")


KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    KINDS[kind.code] = kind
    return kind


def can_import(user, code: str) -> bool:
    kind = KINDS.get(code)
    return kind is not None and bool(kind.permission(user))
