"""What each event says, written in the reader's language when it is read or sent: the sentence
its app declared (registry.py), with dates and times shown in that language's style."""

from django.utils import dateparse, formats, timezone, translation

from perfloop.notify.registry import EVENT_TYPES


def label(event: str):
    """What the event is called on the rules page (lazy text)."""
    return EVENT_TYPES[event].label


def text(event: str, params: dict, language: str | None = None) -> str:
    """The sentence for an event, in `language` (or the active one)."""
    if language:
        with translation.override(language):
            return EVENT_TYPES[event].text(_shown(params))
    return EVENT_TYPES[event].text(_shown(params))


def _shown(params: dict) -> dict:
    shown = dict(params)
    if shown.get("due"):
        day = dateparse.parse_date(shown["due"])
        if day is not None:
            shown["due"] = formats.date_format(day, "DATE_FORMAT")
    if "when" in shown and shown["when"]:
        moment = dateparse.parse_datetime(shown["when"])
        if moment is not None:
            shown["when"] = formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")
    return shown
