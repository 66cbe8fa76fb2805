"""The conversation's rules: who writes what, when the record locks, amendments, appeals, events."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from perfloop.feedback import events, services
from perfloop.feedback.models import Amendment, Appeal, FeedbackRecord
from tests.feedback.conftest import held
from tests.feedback.factories import FeedbackRecordFactory

Status = FeedbackRecord.Status
pytestmark = pytest.mark.django_db


@pytest.fixture
def heard():
    """Events received by a listener, as a later app would subscribe."""
    received = []

    def listener(sender, kind, record_id, by_user_id, **kwargs):
        received.append((kind, record_id))

    events.feedback_event.connect(listener)
    yield received
    events.feedback_event.disconnect(listener)


def test_record_starts_from_the_result_with_figures_and_evidence(record):
    assert record.status == Status.PLANNED
    # Strengths first, then improvement items, each with its figures; evidence in fact + impact form.
    assert record.talking_points.index("Strengths") < record.talking_points.index("Improvement items")
    assert "Q3项目提前3天交付" in record.talking_points and "客户满意度95分" in record.talking_points
    assert "产品知识" in record.improvements and "80" in record.improvements
    assert "刘洋" in record.opening


def test_one_record_per_person_and_cycle(record, in_feedback, org):
    with pytest.raises(ValidationError) as refused:
        services.start(cycle=in_feedback, employee=org.employee, by=org.user("hr_in_scope"))
    assert refused.value.code == "conflict"
    assert FeedbackRecord.objects.count() == 1


@pytest.mark.parametrize("role", ["other_manager", "hr_out_of_scope", "admin", "employee"])
def test_only_managers_and_hr_in_scope_open_a_conversation(in_feedback, org, role):
    with pytest.raises(PermissionDenied):
        services.start(cycle=in_feedback, employee=org.employee, by=org.user(role))


def test_moving_a_meeting_raises_its_sequence_and_cancelling_tells_listeners(
    record, org, heard, django_capture_on_commit_callbacks
):
    manager = org.user("manager")
    start = dt.datetime(2023, 10, 9, 10, tzinfo=dt.UTC)
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule(record=record, by=manager, starts_at=start, minutes=45, place="3楼小会议室")
    assert record.sequence == 0 and heard == [(events.SCHEDULED, record.pk)]
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule(
            record=record, by=manager, starts_at=start + dt.timedelta(days=1), minutes=30, place="A"
        )
        services.cancel_meeting(record=record, by=manager)
    record.refresh_from_db()
    assert (record.sequence, record.cancelled) == (2, True)
    assert [k for k, _ in heard] == [events.SCHEDULED, events.RESCHEDULED, events.CANCELLED]


def test_a_meeting_held_before_its_slot_withdraws_the_slot(
    record, org, heard, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from perfloop.feedback.invitations import ics_for
    from perfloop.notify.models import Notification

    manager = org.user("manager")
    with django_capture_on_commit_callbacks(execute=True):
        services.schedule(
            record=record, by=manager, starts_at=timezone.now() + dt.timedelta(days=2), minutes=45, place="A"
        )
    assert b"METHOD:REQUEST" in ics_for(record)
    record.strengths = "交付及时"
    record.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.mark_held(record=record, by=manager, held_on=timezone.localdate())
    record.refresh_from_db()
    calendar = ics_for(record)
    assert b"METHOD:CANCEL" in calendar and b"SEQUENCE:1" in calendar
    assert events.SLOT_RELEASED in [k for k, _ in heard]
    assert Notification.objects.filter(
        recipient=org.user("employee"), event="feedback.slot_released"
    ).exists()


def test_events_wait_for_the_commit(record, org, heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as pending:
        services.schedule(
            record=record,
            by=org.user("manager"),
            starts_at=dt.datetime(2023, 10, 9, 2, tzinfo=dt.UTC),
            minutes=45,
            place="A",
        )
    assert heard == [] and len(pending) == 1


def test_a_meeting_needs_a_place_or_a_link(record, org):
    with pytest.raises(ValidationError):
        services.schedule(
            record=record,
            by=org.user("manager"),
            starts_at=dt.datetime(2023, 10, 9, tzinfo=dt.UTC),
            minutes=45,
        )


def test_held_asks_the_employee_to_answer(record, org, heard, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        held(record, org, employee_view="同意", agreed_direction="下月参加产品培训")
    assert record.status == Status.HELD
    assert [k for k, _ in heard] == [events.HELD, events.ACKNOWLEDGEMENT_REQUESTED]


def test_acknowledged_record_cannot_be_edited(record, org):
    held(record, org)
    services.acknowledge(record=record, by=org.user("employee"))
    record.refresh_from_db()
    assert record.status == Status.ACKNOWLEDGED and record.locked
    with pytest.raises(ValidationError) as refused:
        services.save_texts(record=record, by=org.user("manager"), strengths="改写")
    assert refused.value.code == "locked"
    with pytest.raises(ValidationError):
        services.add_request(record=record, by=org.user("manager"), kind="training", text="x")


def test_amendment_keeps_the_old_text_and_asks_for_acknowledgement_again(record, org):
    held(record, org, next_steps="下月培训")
    services.acknowledge(record=record, by=org.user("employee"))
    amendment = services.amend(
        record=record, by=org.user("manager"), field="next_steps", text="本月培训", reason="培训提前"
    )
    record.refresh_from_db()
    assert (amendment.old_text, amendment.new_text, amendment.reason) == ("下月培训", "本月培训", "培训提前")
    assert record.next_steps == "本月培训"
    assert record.status == Status.HELD and record.acknowledged_at is None and record.locked
    with pytest.raises(ValidationError):
        services.amend(record=record, by=org.user("manager"), field="next_steps", text="x", reason=" ")
    assert Amendment.objects.count() == 1


def test_only_the_employee_answers_and_only_once_held(record, org):
    with pytest.raises(ValidationError):  # nothing to answer before the conversation is held
        services.acknowledge(record=record, by=org.user("employee"))
    held(record, org)
    for role in ("manager", "hr_in_scope", "other_employee"):
        with pytest.raises(PermissionDenied):
            services.acknowledge(record=record, by=org.user(role))


def test_dispute_opens_an_appeal_hr_in_scope_resolves(record, org, heard, django_capture_on_commit_callbacks):
    held(record, org)
    with django_capture_on_commit_callbacks(execute=True):
        appeal = services.dispute(
            record=record, by=org.user("employee"), reason="产品知识评分没有考虑我的认证"
        )
    record.refresh_from_db()
    assert record.status == Status.DISPUTED and appeal.status == Appeal.Status.OPEN
    # One act, one notice each: the manager hears of the dispute, HR of the appeal it opened.
    from perfloop.notify.models import Notification

    told = sorted(Notification.objects.values_list("recipient__username", "event"))
    assert told == [("hr_in_scope", "feedback.appeal_opened"), ("manager", "feedback.disputed")]
    with pytest.raises(ValidationError):
        services.save_texts(record=record, by=org.user("manager"), strengths="x")  # locked once answered
    for role in ("manager", "hr_out_of_scope", "admin"):
        with pytest.raises(PermissionDenied):
            services.resolve_appeal(appeal=appeal, by=org.user(role), outcome="upheld", note="x")
    with pytest.raises(ValidationError):
        services.resolve_appeal(appeal=appeal, by=org.user("hr_in_scope"), outcome="upheld", note=" ")
    with django_capture_on_commit_callbacks(execute=True):
        services.resolve_appeal(
            appeal=appeal, by=org.user("hr_in_scope"), outcome="upheld", note="评分依据充分"
        )
    record.refresh_from_db()
    assert record.status == Status.HELD  # the employee answers again
    services.acknowledge(record=record, by=org.user("employee"))
    assert [k for k, _ in heard][:2] == [events.DISPUTED, events.APPEAL_OPENED]
    assert events.APPEAL_RESOLVED in [k for k, _ in heard]


def test_a_dispute_needs_a_reason(record, org):
    held(record, org)
    with pytest.raises(ValidationError):
        services.dispute(record=record, by=org.user("employee"), reason="  ")
    assert not Appeal.objects.exists()


def test_hr_on_their_own_record_is_an_employee(record, org):
    """The employee made HR over their own department cannot resolve their own appeal."""
    from perfloop.access.models import HRAssignment

    HRAssignment.objects.create(user=org.user("employee"), department=org.rd)
    held(record, org)
    appeal = services.dispute(record=record, by=org.user("employee"), reason="不同意")
    me = type(org.user("employee")).objects.get(pk=org.user("employee").pk)
    with pytest.raises(PermissionDenied):
        services.resolve_appeal(appeal=appeal, by=me, outcome="upheld", note="x")
    with pytest.raises(PermissionDenied):
        services.save_texts(record=record, by=me, strengths="x")


def test_overlong_text_or_a_nul_is_refused_never_cut(org):
    """What was typed is kept whole or refused with a message on its field; nothing is cut silently."""
    record = FeedbackRecordFactory(employee=org.employee, holder=org.user("manager"), status="held")
    manager = org.user("manager")
    long = "长" * (services.TEXT_LIMIT + 1)
    with pytest.raises(ValidationError) as refused:
        services.update_pack(
            record=record, by=manager, goal="improve", setting="video", talking_points=long, materials=[]
        )
    assert "talking_points" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.add_request(record=record, by=manager, kind="training", text="培训\x00")
    assert "text" in refused.value.message_dict
    with pytest.raises(ValidationError):
        services.save_texts(record=record, by=manager, strengths=long)
    record.refresh_from_db()
    assert record.talking_points == "" and record.strengths == "" and not record.requests.exists()
    whole = "长" * services.TEXT_LIMIT
    services.save_texts(record=record, by=manager, strengths=f"  {whole}  ")
    record.refresh_from_db()
    assert record.strengths == whole  # trimmed, not cut
