"""The kinds of import. Each app registers its own from `AppConfig.ready()`; this app knows none.

A kind brings its planner and apply (all rows checked, then all written or none), who may use it,
an example file, a fill-in file, how its preview is worded, and — when its rows belong to
something (a review cycle…) — the target chosen on upload. The upload page, the API and the
commands come with it.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from perfloop.documents.writers import xlsx_bytes


@dataclass(frozen=True)
class ImportTarget:
    """What a kind's rows belong to, chosen when uploading (kept on the import record)."""

    label: Any  # "Review cycle"
    option: str  # the import commands' option naming it: --cycle
    # options(user) -> the objects this user may import into now; lookup(name) -> one, for commands.
    options: Callable = field(repr=False)
    lookup: Callable[[str], Any] = field(repr=False)


def describe_rows(summary: dict) -> str:
    """The preview's one line when a kind says nothing more specific."""
    return _("%(rows)d rows: %(create)d to create, %(update)d to update, %(unchanged)d unchanged.") % {
        "rows": summary["rows"],
        "create": summary["to_create"],
        "update": summary["to_update"],
        "unchanged": summary["unchanged"],
    }


@dataclass(frozen=True)
class ImportKind:
    code: str
    label: Any
    # plan(content, filename, *, user, target=None) -> a plan with .ok, .errors and .summary();
    # apply(...) the same, writing everything or raising ImportRefused.
    plan: Callable = field(repr=False)
    apply: Callable = field(repr=False)
    permission: Callable[[Any], bool] = field(repr=False)
    example_header: list[str] = field(default_factory=list, repr=False)
    example_rows: list[list] = field(default_factory=list, repr=False)
    target: ImportTarget | None = None
    # describe(summary) -> the preview's wording in this kind's terms ("20 values for 10 people").
    describe: Callable[[dict], str] = field(default=describe_rows, repr=False)
    # fill_in(user, target) -> (header, rows) of a file pre-filled with what the user may import.
    fill_in: Callable | None = field(default=None, repr=False)

    def example_xlsx(self) -> bytes:
        return xlsx_bytes(self.example_header, self.example_rows, "example")


KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    KINDS[kind.code] = kind
    return kind


def can_import(user, code: str) -> bool:
    kind = KINDS.get(code)
    return kind is not None and bool(kind.permission(user))


def upload_forms(user, kinds=None, target=None) -> list[dict]:
    """The upload forms a page shows: each kind the user may import, with the targets to pick
    from, or the one `target` the page is about (a cycle's page)."""
    forms, options_of = [], {}  # kinds sharing a target (the cycle kinds) share one query
    for kind in KINDS.values() if kinds is None else kinds:
        if not can_import(user, kind.code):
            continue
        options = None
        if kind.target is not None and target is None:
            if kind.target not in options_of:
                options_of[kind.target] = list(kind.target.options(user)[:100])
            options = options_of[kind.target]
        forms.append({"kind": kind, "options": options, "target": target if kind.target else None})
    return forms
