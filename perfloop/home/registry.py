"""Plug-in points for the pages every app shares: navigation entries, home-page sections, and the
links from one stage's page to the next step of the loop.

Each app registers its own from `AppConfig.ready()`, with the permission that shows them (as
NetBox's `MenuItem(permissions=…)`), so a new stage adds its menu entry and home card without
editing a shared template. An entry set up once or looked at now and then goes in a drop-down
(`group=SETTINGS`) so that the bar keeps the daily work.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    key: str  # also the entry's data-nav
    label: Any  # a lazily translated string
    url_name: str
    visible: Callable[[Any], bool] = field(repr=False)
    order: int = 100
    group: str = ""  # a drop-down of the bar (GROUPS) rather than the bar itself


@dataclass(frozen=True)
class MenuGroup:
    """A drop-down in the navigation bar for the entries registered with its key as their group:
    what is set up once or looked at now and then, so that the bar keeps the daily work."""

    key: str
    label: Any
    order: int = 100


@dataclass(frozen=True)
class ShownGroup:
    group: MenuGroup
    items: list


SETTINGS = "settings"
REPORTS = "reports"
GROUPS = {
    REPORTS: MenuGroup(REPORTS, _("Reports"), order=36),
    SETTINGS: MenuGroup(SETTINGS, _("Settings"), order=80),
}


@dataclass(frozen=True)
class HomeSection:
    """A card on the home page: `template` is rendered with `section` holding `context(user)`."""

    key: str  # the card's data-testid is section-<key>
    template: str
    visible: Callable[[Any], bool] = field(repr=False)
    context: Callable[[Any], dict] = field(default=lambda user: {}, repr=False)
    order: int = 100
    wide: bool = False  # the whole width of the page, not half of it


@dataclass(frozen=True)
class NavItem:
    """Something shown in the navigation bar beside the user's name (the inbox bell): `template`
    is rendered with `nav` holding `context(user)`."""

    key: str
    template: str
    visible: Callable[[Any], bool] = field(repr=False)
    context: Callable[[Any], dict] = field(default=lambda user: {}, repr=False)
    order: int = 100


@dataclass(frozen=True)
class PageAction:
    """A link from one stage's page to the loop's next step, offered by the stage that takes it
    (the plan stage offers "start an improvement plan" on a result page): `link(user, obj)` is
    the (label, url) of the step, or None when this user may not take it for this object."""

    key: str  # the link's data-testid is action-<key>
    page: str  # which page shows it: "result", "record", "cycle"
    link: Callable[[Any, Any], tuple[str, str] | None] = field(repr=False)
    order: int = 100


@dataclass(frozen=True)
class SetupStep:
    """A step of a new company's way to its first review cycle, on the setup checklist of the
    administrator's and HR's home: `done()` asks the data (is there an organisation, an HR
    person…); `url_name` is where it is done, for those `may(user)` lets in; `who` says whose
    step it is to everyone else."""

    key: str  # the step's data-testid is setup-<key>
    label: Any
    done: Callable[[], bool] = field(repr=False)
    url_name: str
    may: Callable[[Any], bool] = field(repr=False)
    who: Any = ""
    order: int = 100


@dataclass(frozen=True)
class Todo:
    """Something that waits for the user, linking to where it is done."""

    key: str  # the item's data-testid is todo-<key>
    text: str  # translated, with its count or name and date
    url: str
    late: bool = False  # overdue: shown first, marked


@dataclass(frozen=True)
class TodoSource:
    """What one stage asks of a user (a manager's conversations to hold, an employee's record to
    acknowledge…): `todos(user)` runs a bounded query or two, whatever the size of the user's reach."""

    key: str
    visible: Callable[[Any], bool] = field(repr=False)
    todos: Callable[[Any], list[Todo]] = field(repr=False)
    order: int = 100


TODO_CAP = 100  # a count above this reads "99+": the database stops counting there


def capped_count(queryset) -> int:
    """How many rows, counted no further than TODO_CAP (COUNT over a LIMIT: one row fetched)."""
    return queryset.order_by()[:TODO_CAP].count()


def shown_count(n: int) -> str:
    """A capped count as a to-do says it: "99+" once the cap is reached."""
    return f"{TODO_CAP - 1}+" if n >= TODO_CAP else str(n)


MENU: dict[str, MenuItem] = {}
TODOS: dict[str, TodoSource] = {}
STEPS: dict[str, SetupStep] = {}
ACTIONS: dict[str, PageAction] = {}
SECTIONS: dict[str, HomeSection] = {}
NAV: dict[str, NavItem] = {}


def add_menu_item(item: MenuItem) -> MenuItem:
    MENU[item.key] = item
    return item


def add_home_section(section: HomeSection) -> HomeSection:
    SECTIONS[section.key] = section
    return section


def add_todo_source(source: TodoSource) -> TodoSource:
    TODOS[source.key] = source
    return source


def todos_for(user) -> list[Todo]:
    shown = sorted((s for s in TODOS.values() if s.visible(user)), key=lambda s: (s.order, s.key))
    found = [todo for source in shown for todo in source.todos(user)]
    return sorted(found, key=lambda t: not t.late)  # stable: late first, else the stages' order


def add_setup_step(step: SetupStep) -> SetupStep:
    STEPS[step.key] = step
    return step


def add_page_action(action: PageAction) -> PageAction:
    ACTIONS[action.key] = action
    return action


def actions_for(page: str, user, obj) -> list[tuple[str, str, str]]:
    """The next steps this user may take from this page: (key, label, url), in order."""
    shown = sorted((a for a in ACTIONS.values() if a.page == page), key=lambda a: (a.order, a.key))
    return [(a.key, *link) for a in shown if (link := a.link(user, obj))]


def add_nav_item(item: NavItem) -> NavItem:
    NAV[item.key] = item
    return item


def nav_for(user) -> list[tuple[NavItem, dict]]:
    shown = sorted((i for i in NAV.values() if i.visible(user)), key=lambda i: (i.order, i.key))
    return [(i, i.context(user)) for i in shown]


def menu_for(user) -> list[MenuItem | ShownGroup]:
    """The bar's entries this user may see, in order: items, and drop-downs of their grouped items."""
    shown = sorted((i for i in MENU.values() if i.visible(user)), key=lambda i: (i.order, i.key))
    grouped: dict[str, list[MenuItem]] = {}
    entries = []
    for item in shown:
        if item.group:
            grouped.setdefault(item.group, []).append(item)
        else:
            entries.append((item.order, item.key, item))
    for key, items in grouped.items():
        entries.append((GROUPS[key].order, key, ShownGroup(GROUPS[key], items)))
    return [entry for _order, _key, entry in sorted(entries, key=lambda e: (e[0], e[1]))]


def sections_for(user) -> list[tuple[HomeSection, dict]]:
    shown = sorted((s for s in SECTIONS.values() if s.visible(user)), key=lambda s: (s.order, s.key))
    return [(s, s.context(user)) for s in shown]
