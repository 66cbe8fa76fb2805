"""The meeting invitation, read back with the icalendar library field by field."""

import datetime as dt
import zoneinfo

import icalendar
import pytest

from perfloop.feedback import services

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def calendar_of(client, record, language="zh-hans"):
    response = client.get(f"/feedback/{record.pk}/invitation.ics", headers={"accept-language": language})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def event_of(calendar):
    (event,) = calendar.walk("VEVENT")
    return event


def test_invitation_for_both_people_in_the_time_zone(record, org, client_for):
    org.employee.email = "liuyang@example.com"
    org.employee.save()
    org.manager.email = "chen@example.com"
    org.manager.save()
    start = dt.datetime(2023, 10, 9, 10, 0, tzinfo=SHANGHAI)
    services.schedule(record=record, by=org.user("manager"), starts_at=start, minutes=45, place="3楼小会议室")

    calendar = calendar_of(client_for("employee"), record)
    assert str(calendar["METHOD"]) == "REQUEST" and str(calendar["VERSION"]) == "2.0"
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Asia/Shanghai"
    event = event_of(calendar)
    assert str(event["UID"]) == f"feedback-{record.pk}@perfloop"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == start and event.decoded("DTSTART").tzinfo.key == "Asia/Shanghai"
    assert event.decoded("DTEND") == start + dt.timedelta(minutes=45)
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert (
        str(event["ORGANIZER"]) == "mailto:chen@example.com" and event["ORGANIZER"].params["CN"] == "陈志强"
    )
    attendees = {str(a): a.params["CN"] for a in event["ATTENDEE"]}
    assert attendees == {"mailto:chen@example.com": "陈志强", "mailto:liuyang@example.com": "刘洋"}
    assert str(event["SUMMARY"]) == "绩效反馈面谈：刘洋（2023年Q3）"
    assert str(event["LOCATION"]) == "3楼小会议室"

    english = event_of(calendar_of(client_for("manager"), record, "en"))
    assert str(english["SUMMARY"]) == "Performance feedback conversation: 刘洋 (2023年Q3)"


def test_moved_meeting_keeps_its_uid_with_a_higher_sequence_and_a_cancel(record, org, client_for):
    manager = org.user("manager")
    start = dt.datetime(2023, 10, 9, 10, 0, tzinfo=SHANGHAI)
    services.schedule(record=record, by=manager, starts_at=start, minutes=45, place="A")
    first = event_of(calendar_of(client_for("manager"), record))
    services.schedule(
        record=record,
        by=manager,
        starts_at=start + dt.timedelta(days=1),
        minutes=60,
        video_link="https://meet.example.com/x",
    )
    moved = event_of(calendar_of(client_for("manager"), record))
    assert moved["UID"] == first["UID"] and moved["SEQUENCE"] == 1
    assert moved.decoded("DTSTART") == start + dt.timedelta(days=1)
    assert str(moved["LOCATION"]) == "https://meet.example.com/x"
    services.cancel_meeting(record=record, by=manager)
    calendar = calendar_of(client_for("manager"), record)
    cancelled = event_of(calendar)
    assert str(calendar["METHOD"]) == "CANCEL" and str(cancelled["STATUS"]) == "CANCELLED"
    assert cancelled["UID"] == first["UID"] and cancelled["SEQUENCE"] == 2


def test_nobody_else_downloads_the_invitation(record, org, client_for):
    services.schedule(
        record=record,
        by=org.user("manager"),
        starts_at=dt.datetime(2023, 10, 9, 2, tzinfo=dt.UTC),
        minutes=45,
        place="A",
    )
    for role in ("other_manager", "hr_out_of_scope", "admin", "other_employee"):
        assert client_for(role).get(f"/feedback/{record.pk}/invitation.ics").status_code in (403, 404)
