"""Every write of the feedback stage: one function each, checking its own permission and status rules.

Status: planned → held → acknowledged, or disputed (an appeal to HR). Once the employee has
answered, the record's texts change only by amendment, which asks for a new acknowledgement.
Each change people must hear about is emitted as an event after the transaction commits.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop import inputs
from perfloop.access import audit
from perfloop.documents import word
from perfloop.documents.bounds import BoundExceeded, check_docx, check_size
from perfloop.feedback import events, rules
from perfloop.feedback.apps import RECORD_READ
from perfloop.feedback.documents import PLACEHOLDERS
from perfloop.feedback.models import (
    RECORD_TEXTS,
    Amendment,
    Appeal,
    FeedbackRecord,
    FeedbackRequest,
    RecordTemplate,
)
from perfloop.feedback.preparation import MATERIALS, suggestions
from perfloop.reviews.models import Result, ReviewCycle

Status = FeedbackRecord.Status
TEXT_LIMIT = 5000  # a record's text field; the form says so before the database would


def _text(field: str, value: str, label) -> str:
    """The text as typed, trimmed; refused, never cut, when too long or holding a NUL (the message
    on its field, as a form shows it)."""
    try:
        return inputs.text(value, label, required=False, limit=TEXT_LIMIT)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None


def log_opened(*, record: FeedbackRecord, by, what: str, via: str) -> None:
    """An opening by anyone but the employee and the one holding the conversation is a private read."""
    if rules.is_logged_read(by, record):
        audit.log_reads(by, [record.employee_id], [what], via, ref=read_ref(record))


def log_listed(*, records, by, via: str) -> None:
    """A list that shows what records say (the appeals' dispute reasons): a private read of each
    person in it, in one insert."""
    people = [r.employee_id for r in records if rules.is_logged_read(by, r)]
    audit.log_reads(by, people, [RECORD_READ], via, ref="appeals")


def read_ref(record: FeedbackRecord) -> str:
    return f"feedback:{record.pk}"


def _locked_error():
    return ValidationError(
        _("The employee has answered this record: change it by an amendment with a reason."), code="locked"
    )


def _status_error(record):
    return ValidationError(
        _("This cannot be done while the record is %(status)s.") % {"status": record.get_status_display()},
        code="conflict",
    )


@transaction.atomic
def start(*, cycle: ReviewCycle, employee, by) -> FeedbackRecord:
    """Open the conversation for a person's published result, with the pack's suggestions filled in."""
    if not rules.can_hold(by, employee):
        raise PermissionDenied
    if cycle.status != ReviewCycle.Status.FEEDBACK:
        raise ValidationError(
            _("Feedback conversations start once the cycle is in feedback."), code="conflict"
        )
    result = (
        Result.objects.select_related("cycle", "employee__department")
        .filter(cycle=cycle, employee=employee)
        .first()
    )
    if result is None:
        raise ValidationError(_("This person has no result in this cycle."), code="invalid")
    drafted = suggestions(result)
    try:
        with transaction.atomic():
            record = FeedbackRecord.objects.create(
                cycle=cycle,
                employee=employee,
                result=result,
                holder=by,
                talking_points=drafted["talking_points"],
                opening=drafted["opening"],
                strengths=drafted["strengths"],
                improvements=drafted["improvements"],
            )
    except IntegrityError:
        raise ValidationError(
            _("%(name)s already has a feedback record in this cycle.") % {"name": employee.name},
            code="conflict",
        ) from None
    return record


def lock(record: FeedbackRecord) -> FeedbackRecord:
    """Read the record again under a row lock, in the caller's transaction: an edit arriving
    after the acknowledgement is refused, and an acknowledgement and a dispute, or two
    amendments, take turns instead of both succeeding on what the page saw."""
    record.refresh_from_db(from_queryset=FeedbackRecord.objects.select_for_update(of=("self",)))
    return record


def _check_holder(record, by):
    lock(record)
    if not rules.can_hold(by, record.employee):
        raise PermissionDenied


@transaction.atomic
def update_pack(
    *, record: FeedbackRecord, by, goal: str, setting: str, talking_points: str, materials
) -> None:
    _check_holder(record, by)
    if goal not in FeedbackRecord.Goal.values or setting not in FeedbackRecord.Setting.values:
        raise ValidationError(_("Choose a goal and a setting from the list."), code="invalid")
    unknown = set(materials) - set(MATERIALS)
    if unknown:
        raise ValidationError(_("Unknown material: %(name)s") % {"name": ", ".join(sorted(unknown))})
    record.goal, record.setting = goal, setting
    record.talking_points = _text("talking_points", talking_points, _("Talking points"))
    record.materials = [m for m in MATERIALS if m in materials]
    record.save(update_fields=["goal", "setting", "talking_points", "materials", "updated_at"])


@transaction.atomic
def schedule(
    *, record: FeedbackRecord, by, starts_at: dt.datetime, minutes: int, place: str = "", video_link: str = ""
) -> FeedbackRecord:
    """Set or move the meeting: a move keeps the invitation's UID and raises its SEQUENCE."""
    _check_holder(record, by)
    if record.status != Status.PLANNED:
        raise _status_error(record)
    if not 10 <= minutes <= 480:
        raise ValidationError({"minutes": _("A meeting lasts between 10 and 480 minutes.")})
    if not (place.strip() or video_link.strip()):
        raise ValidationError({"place": _("Give a place or a video link.")})
    if video_link.strip():
        try:
            URLValidator(schemes=["http", "https"])(video_link.strip())
        except ValidationError:
            raise ValidationError({"video_link": _("Give the video link as an http(s) address.")}) from None
    moved = record.starts_at is not None and not record.cancelled
    if record.starts_at is not None:
        record.sequence += 1
    record.starts_at, record.duration_minutes = starts_at, minutes
    record.place, record.video_link, record.cancelled = place.strip(), video_link.strip(), False
    record.save(
        update_fields=[
            "starts_at",
            "duration_minutes",
            "place",
            "video_link",
            "cancelled",
            "sequence",
            "updated_at",
        ]
    )
    events.emit(events.RESCHEDULED if moved else events.SCHEDULED, record, by)
    return record


@transaction.atomic
def cancel_meeting(*, record: FeedbackRecord, by) -> None:
    _check_holder(record, by)
    if record.status != Status.PLANNED or record.starts_at is None or record.cancelled:
        raise ValidationError(_("There is no scheduled meeting to cancel."), code="conflict")
    record.cancelled = True
    record.sequence += 1
    record.save(update_fields=["cancelled", "sequence", "updated_at"])
    events.emit(events.CANCELLED, record, by)


@transaction.atomic
def save_texts(*, record: FeedbackRecord, by, **texts: str) -> list[str]:
    """What the guided meeting types, saved as it goes; only the record's own text fields."""
    _check_holder(record, by)
    unknown = set(texts) - set(RECORD_TEXTS)
    if unknown:
        raise ValidationError(
            _("Unknown field: %(name)s") % {"name": ", ".join(sorted(unknown))}, code="invalid"
        )
    if record.locked:
        raise _locked_error()
    for name, value in texts.items():
        setattr(record, name, _text(name, value, FeedbackRecord._meta.get_field(name).verbose_name))
    record.save(update_fields=[*texts, "updated_at"])
    return list(texts)


SCHEDULE = ("starts_at", "minutes", "place", "video_link")
PACK = ("goal", "setting", "talking_points")


@transaction.atomic
def change(*, record: FeedbackRecord, by, **sent) -> FeedbackRecord:
    """Part of a record changed at once (an API PATCH): its texts, its pack, its schedule — all of
    it or none. What is not sent stays as it is."""
    texts = {k: v or "" for k, v in sent.items() if k in RECORD_TEXTS}
    if texts:
        save_texts(record=record, by=by, **texts)
    if set(PACK) & set(sent):
        update_pack(
            record=record, by=by, goal=sent.get("goal") or record.goal, setting=sent.get("setting") or record.setting,
            talking_points=sent.get("talking_points", record.talking_points) or "", materials=record.materials,
        )  # fmt: skip
    if set(SCHEDULE) & set(sent):
        if not (sent.get("starts_at") or record.starts_at):
            raise ValidationError(_("Give the date and time of the meeting."), code="invalid")
        schedule(
            record=record, by=by, starts_at=sent.get("starts_at") or record.starts_at,
            minutes=sent.get("minutes") or record.duration_minutes,
            place=sent.get("place", record.place) or "", video_link=sent.get("video_link", record.video_link) or "",
        )  # fmt: skip
    return record


@transaction.atomic
def add_request(*, record: FeedbackRecord, by, kind: str, text: str) -> FeedbackRequest:
    _check_holder(record, by)
    if record.locked:
        raise _locked_error()
    if kind not in FeedbackRequest.Kind.values:
        raise ValidationError({"kind": _("Choose the kind of request.")})
    text = _text("text", text, _("Request"))
    if not text:
        raise ValidationError({"text": _("Write what the employee asked for.")})
    return FeedbackRequest.objects.create(record=record, kind=kind, text=text)


@transaction.atomic
def remove_request(*, record: FeedbackRecord, by, request_id: int) -> None:
    _check_holder(record, by)
    if record.locked:
        raise _locked_error()
    record.requests.filter(pk=request_id).delete()


@transaction.atomic
def mark_held(*, record: FeedbackRecord, by, held_on: dt.date) -> None:
    """The conversation took place: the employee is asked to read and acknowledge the record."""
    _check_holder(record, by)
    if record.status != Status.PLANNED:
        raise _status_error(record)
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("A conversation cannot be held in the future.")})
    if not (record.strengths.strip() or record.improvements.strip()):
        raise ValidationError(_("Write the strengths or improvement items discussed first."), code="invalid")
    # Held before its slot: the slot still in both calendars is withdrawn (METHOD:CANCEL, a new
    # SEQUENCE), and no reminder of it goes out (reminders are for planned meetings only).
    early = record.starts_at is not None and not record.cancelled and record.starts_at > timezone.now()
    if early:
        record.sequence += 1
    record.status, record.held_on = Status.HELD, held_on
    record.save(update_fields=["status", "held_on", "sequence", "updated_at"])
    events.emit(events.HELD, record, by)
    if early:
        events.emit(events.SLOT_RELEASED, record, by)
    events.emit(events.ACKNOWLEDGEMENT_REQUESTED, record, by)


def _answer(record, by):
    lock(record)
    if not rules.can_answer(by, record):
        if rules.is_self(by, record.employee):
            raise _status_error(record)
        raise PermissionDenied
    now = timezone.now()
    record.answered_at = record.answered_at or now
    return now


@transaction.atomic
def acknowledge(*, record: FeedbackRecord, by) -> None:
    """The employee confirms having read the record; it is locked from now on."""
    record.acknowledged_at = _answer(record, by)
    record.status = Status.ACKNOWLEDGED
    record.save(update_fields=["status", "answered_at", "acknowledged_at", "updated_at"])
    events.emit(events.ACKNOWLEDGED, record, by)


@transaction.atomic
def dispute(*, record: FeedbackRecord, by, reason: str) -> Appeal:
    """The employee disagrees, with a reason: an appeal goes to HR in scope."""
    reason = _text("reason", reason, _("Reason"))
    if not reason:
        raise ValidationError({"reason": _("Say what you disagree with.")})
    _answer(record, by)
    record.status, record.dispute_reason = Status.DISPUTED, reason
    record.save(update_fields=["status", "answered_at", "dispute_reason", "updated_at"])
    appeal = Appeal.objects.create(record=record, reason=reason)
    events.emit(events.DISPUTED, record, by)
    events.emit(events.APPEAL_OPENED, record, by)
    return appeal


@transaction.atomic
def amend(*, record: FeedbackRecord, by, field: str, text: str, reason: str) -> Amendment:
    """Change a locked record: the old and new text and the reason are kept, and the employee is
    asked to acknowledge again."""
    _check_holder(record, by)
    if not record.locked:
        raise ValidationError(_("The record is not locked yet: edit it directly."), code="conflict")
    if field not in RECORD_TEXTS:
        raise ValidationError({"field": _("Choose a field of the record.")})
    reason, text = _text("reason", reason, _("Reason")), _text("text", text, _("New text"))
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the change.")})
    old = getattr(record, field)
    if old == text:
        raise ValidationError({"text": _("The text is unchanged.")})
    amendment = Amendment.objects.create(
        record=record, field=field, old_text=old, new_text=text, reason=reason, by=by
    )
    setattr(record, field, text)
    record.status, record.acknowledged_at = Status.HELD, None
    record.save(update_fields=[field, "status", "acknowledged_at", "updated_at"])
    events.emit(events.ACKNOWLEDGEMENT_REQUESTED, record, by)
    return amendment


@transaction.atomic
def resolve_appeal(*, appeal: Appeal, by, outcome: str, note: str) -> None:
    """HR in scope closes an appeal with a note; the employee is asked to answer the record again."""
    record = lock(appeal.record)
    appeal.refresh_from_db(from_queryset=Appeal.objects.select_for_update(of=("self",)))
    if not rules.can_resolve_appeals(by, record):
        raise PermissionDenied
    if appeal.status != Appeal.Status.OPEN:
        raise ValidationError(_("This appeal is already resolved."), code="conflict")
    if outcome not in Appeal.Outcome.values:
        raise ValidationError({"outcome": _("Choose the outcome.")})
    note = _text("note", note, _("Note"))
    if not note:
        raise ValidationError({"note": _("Write what was decided and why.")})
    appeal.status, appeal.outcome, appeal.note = Appeal.Status.RESOLVED, outcome, note
    appeal.resolved_at, appeal.resolved_by = timezone.now(), by
    appeal.save()
    if record.status == Status.DISPUTED:
        record.status = Status.HELD
        record.save(update_fields=["status", "updated_at"])
    events.emit(events.APPEAL_RESOLVED, record, by)
    events.emit(events.ACKNOWLEDGEMENT_REQUESTED, record, by)


def sample_values() -> dict:
    """A record as long as the form allows, for trying a template before accepting it."""
    sample = {name: name for name in PLACEHOLDERS}
    sample.update({name: ("示例文字 sample text " * TEXT_LIMIT)[:TEXT_LIMIT] for name in RECORD_TEXTS})
    sample["requests"] = "\n".join(f"培训 training {n}" for n in range(50))
    return sample


@transaction.atomic
def upload_template(*, content: bytes, filename: str, by) -> RecordTemplate:
    """The organisation's own Word layout; refused, naming it, if it uses a placeholder we do not fill."""
    if not rules.can_manage_template(by):
        raise PermissionDenied
    try:
        check_size(len(content))
        check_docx(content)
        used = word.placeholders(content)
        # Filled in once now with a record as long as a real one can be, within the same bounds as
        # at download: a template that loops over real data or the sandbox refuses fails here.
        word.render_template(content, sample_values())
    except (BoundExceeded, word.TemplateFailed) as error:
        raise ValidationError(str(error), code="invalid") from None
    except Exception as error:  # a template Jinja cannot parse: say where, change nothing
        raise ValidationError(
            _("The template could not be read: %(reason)s") % {"reason": str(error)[:200]}, code="invalid"
        ) from None
    unknown = sorted(used - set(PLACEHOLDERS))
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(names)s. Use only: %(known)s.")
            % {"names": ", ".join(f"{{{{ {n} }}}}" for n in unknown), "known": ", ".join(PLACEHOLDERS)},
            code="invalid",
        )
    return RecordTemplate.objects.create(content=content, filename=filename[:200], uploaded_by=by)


@transaction.atomic
def remove_templates(*, by) -> int:
    """Back to the built-in layout."""
    if not rules.can_manage_template(by):
        raise PermissionDenied
    return RecordTemplate.objects.all().delete()[0]
