"""Meeting invitations as iCalendar (RFC 5545) files that Outlook, Apple Calendar and DingTalk read.

An update keeps the event's UID and raises SEQUENCE; a cancellation is METHOD:CANCEL with the same
UID, so calendars replace or remove the event they already hold.
"""

import datetime as dt
from dataclasses import dataclass

import icalendar

PRODID = "-//PerfLoop//PerfLoop//EN"


@dataclass(frozen=True)
class Person:
    name: str
    email: str  # may be empty: then the address is a placeholder no calendar will write to

    @classmethod
    def of(cls, user=None, employee=None) -> "Person":
        """A user or an employee as a calendar names them: the employee's name and e-mail, else the login's."""
        employee = employee or getattr(user, "employee", None)
        name = employee.name if employee else user.get_username()
        return cls(name=name, email=(employee.email if employee else "") or (user.email if user else ""))


def _address(person: Person, **params) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{person.email or 'noreply@invalid'}")
    address.params["CN"] = person.name
    address.params.update(params)
    return address


def _event(
    *,
    uid: str,
    sequence: int,
    start: dt.datetime,
    minutes: int,
    summary: str,
    location: str = "",
    description: str = "",
    organizer: Person,
    attendees: list[Person],
    url: str = "",
    cancel: bool = False,
    rrule: dict | None = None,
) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(minutes=minutes))
    if rrule:
        event.add("rrule", rrule)
    event.add("summary", summary)
    if location:
        event.add("location", location)
    if description:
        event.add("description", description)
    if url:
        event.add("url", url)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    event.add("organizer", _address(organizer))
    for person in attendees:
        event.add("attendee", _address(person, ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="TRUE"))
    return event


def _calendar(events: list[icalendar.Event], *, cancel: bool = False) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancel else "REQUEST")
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def invitation(**event) -> bytes:
    """One event (see `_event`); `start` is an aware datetime, written in its own time zone with that
    zone's VTIMEZONE."""
    return _calendar([_event(**event)], cancel=event.get("cancel", False))


def series(events: list[dict]) -> bytes:
    """Several recurring events in one file, each with its `rrule` (e.g. {"freq": "weekly",
    "interval": 2, "until": <UTC datetime>}): a plan's brief check-ins and formal reviews."""
    return _calendar([_event(**event) for event in events])
