"""The meeting's calendar invitation for both people, in the language of whoever downloads it."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop.documents.calendar import Person, invitation


def ics_for(record) -> bytes:
    """METHOD:REQUEST with the record's UID and SEQUENCE; METHOD:CANCEL once cancelled, or once
    held (a slot still ahead in the calendars is then void)."""
    employee = record.employee
    summary = _("Performance feedback conversation: %(name)s (%(cycle)s)") % {
        "name": employee.name,
        "cycle": record.cycle.name,
    }
    url = settings.PERFLOOP_BASE_URL + reverse("feedback:record", args=[record.pk])
    location = record.place or record.video_link
    description = _("One-to-one and private. Record: %(url)s") % {"url": url}
    if record.video_link:
        description += "\n" + _("Video link: %(link)s") % {"link": record.video_link}
    return invitation(
        uid=record.ics_uid,
        sequence=record.sequence,
        start=timezone.localtime(record.starts_at),
        minutes=record.duration_minutes,
        summary=summary,
        location=location,
        description=description,
        organizer=Person.of(user=record.holder),
        attendees=[Person.of(user=record.holder), Person.of(employee=employee)],
        url=url,
        cancel=record.cancelled or record.status != record.Status.PLANNED,
    )


def ics_response(record) -> HttpResponse:
    """The invitation as a download (the page and the API)."""
    answer = HttpResponse(ics_for(record), content_type="text/calendar; charset=utf-8")
    answer["Content-Disposition"] = f'attachment; filename="feedback-{record.pk}.ics"'
    return answer
