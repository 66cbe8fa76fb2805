"""The navigation bar's shared parts, rendered once per process for each (visible entries,
language) and reused on every page: the menu, and the language switch's buttons. Nothing personal
goes into them; the CSRF token and the page to come back to are added per request."""

from functools import cache

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html

from perfloop.home.registry import menu_for

_MENUS: dict[tuple, str] = {}
_SWITCHES: dict[str, str] = {}


def _key(entry) -> str:
    items = getattr(entry, "items", None)
    return f"{entry.group.key}:{','.join(i.key for i in items)}" if items else entry.key


def unwrapped(user):
    """The user behind `request.user`'s lazy wrapper: the menu asks a score of rules about them,
    and each question through the wrapper costs more than the rule."""
    user.is_authenticated  # noqa: B018 (loads the user, once per request)
    return getattr(user, "_wrapped", user)


def menu_html(user) -> str:
    """The bar's entries this user may see (their predicates ask the cached roles, no query)."""
    entries = menu_for(unwrapped(user))
    key = (translation.get_language(), tuple(_key(e) for e in entries))
    html = _MENUS.get(key)
    if html is None:
        html = _MENUS[key] = render_to_string("includes/menu.html", {"menu": entries})
    return html


def language_switch_html(request, csrf_token) -> str:
    language = translation.get_language()
    buttons = _SWITCHES.get(language)
    if buttons is None:
        buttons = _SWITCHES[language] = render_to_string("includes/language_buttons.html")
    return format_html(
        '<form method="post" action="{}" class="d-flex me-2 my-1" data-testid="language-switch">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}">{}</form>',
        _set_language_url(), csrf_token, request.get_full_path(), buttons,
    )  # fmt: skip


@cache
def _set_language_url() -> str:
    return reverse("accounts:set_language")
