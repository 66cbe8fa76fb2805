"""Notifications over the API: the caller's own inbox; for HR and administrators the delivery log,
the group robots and the organisation's rules, as on their pages."""

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field, field_validator

from perfloop.api import answers
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, errors
from perfloop.notify import audience, chat, event_rules, inbox, log, registry, words
from perfloop.notify.models import ChatRobot
from perfloop.org.models import Department

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    event: str
    text: str
    url: str
    created_at: dt.datetime
    read: bool

    @staticmethod
    def resolve_text(note):
        return words.text(note.event, note.params)

    @staticmethod
    def resolve_read(note):
        return note.read_at is not None


class MarkedOut(Schema):
    marked: int


class ReadIn(Schema):
    ids: list[Annotated[int, Field(ge=1, le=MAX_ID)]] = Field(..., max_length=1000)

    @field_validator("ids", mode="before")
    @classmethod
    def no_booleans(cls, value):
        if isinstance(value, list) and any(isinstance(v, bool) for v in value):
            raise ValueError("ids are numbers, not true or false")
        return value


@router.get(
    "/notifications", response={200: list[NotificationOut], **errors(401, 422)}, url_name="notifications"
)
@paginate(Pages, page_size=50)
def notifications(request, unread: bool = False):
    """The caller's notifications, newest first, each in the caller's language."""
    notes = inbox.of(request.user)
    return notes.filter(read_at__isnull=True) if unread else notes


@router.post(
    "/notifications/read", response={200: MarkedOut, **errors(400, 401, 422)}, url_name="notifications_read"
)
def notifications_read(request, payload: ReadIn):
    """Mark the caller's own notifications read (ids of others' change nothing)."""
    return {"marked": inbox.mark_read(request.user, payload.ids)}


@router.post(
    "/notifications/read-all",
    response={200: MarkedOut, **errors(401, 422)},
    url_name="notifications_read_all",
)
def notifications_read_all(request):
    return {"marked": inbox.mark_read(request.user)}


class DeliveryOut(Schema):
    id: int
    notification_id: int
    recipient: str = Field(alias="notification.recipient.username")
    event: str = Field(description='"personal" when the caller\'s HR scope does not reach the recipient')
    text: str
    channel: Literal["email", "chat"]
    robot: str | None = Field(None, alias="robot.name")
    status: Literal["pending", "sending", "sent", "failed"]
    tries: int
    last_error: str
    created_at: dt.datetime
    sent_at: dt.datetime | None

    @staticmethod
    def resolve_event(delivery):
        return log.what(delivery)[0]

    @staticmethod
    def resolve_text(delivery):
        return log.what(delivery)[1]


@router.get("/deliveries", response={200: list[DeliveryOut], **errors(401, 403, 422)}, url_name="deliveries")
@paginate(Pages, page_size=50)
def deliveries(request, status: Literal["pending", "sending", "sent", "failed"] | None = None):
    """Deliveries to people in the caller's HR scope (administrators: all), newest first."""
    if not log.can_read(request.user):
        raise answers.forbidden_error()
    found = log.visible(request.user)
    return found.filter(status=status) if status else found


@router.post(
    "/deliveries/{delivery_id}/resend", response={200: DeliveryOut, **errors(401, 403, 404, 409, 422)},
    url_name="delivery_resend",
)  # fmt: skip
def delivery_resend(request, delivery_id: int = Path(..., ge=1, le=MAX_ID)):
    """A failed delivery back to the queue."""
    if not log.can_read(request.user):
        return answers.forbidden()
    delivery = log.visible(request.user).filter(pk=delivery_id).first()
    if delivery is None:
        return answers.not_found()
    try:
        log.resend(delivery=delivery, by=request.user)
    except ValidationError as error:
        return answers.refused(error)
    return delivery


# ---------------------------------------------------------------- the organisation's rules

Event = Literal[tuple(audience.defaults())]
Who = Literal["employee", "manager", "hr"]
ChannelName = Literal["email", "chat"]


class RuleOut(Schema):
    event: str
    label: str
    who: list[str]
    channels: list[str]
    days: int | None
    changed: bool


class RuleIn(Schema):
    event: Event
    who: list[Who] = Field(..., max_length=3)
    channels: list[ChannelName] = Field(..., max_length=2)
    days: int | None = Field(
        None, ge=1, le=audience.MAX_DAYS, description="only for an event announced ahead (a plan ending)"
    )


class RulesIn(Schema):
    rules: list[RuleIn] = Field(..., min_length=1, max_length=len(audience.defaults()))
    confirm_groups: bool = Field(
        False,
        description="Events about one person newly sent to group robots are refused (400, saying what "
        "the group would read) unless this is true.",
    )


def _rules_out() -> list[dict]:
    return [
        {
            "event": row["event"], "label": str(words.label(row["event"])), "who": list(row["rule"].who),
            "channels": [str(c) for c in row["rule"].channels], "days": row["rule"].days,
            "changed": row["changed"],
        }
        for row in event_rules.rows()
    ]  # fmt: skip


@router.get(
    "/notification-rules", response={200: list[RuleOut], **errors(401, 403)}, url_name="notification_rules"
)
def notification_rules(request):
    """Who hears each event and on which channels besides the inbox (HR and administrators)."""
    if not event_rules.can_read(request.user):
        return answers.forbidden()
    return _rules_out()


@router.patch(
    "/notification-rules", response={200: list[RuleOut], **errors(400, 401, 403, 422)},
    url_name="notification_rules_change",
)  # fmt: skip
def notification_rules_change(request, payload: RulesIn):
    """Change the rules of the events given (the others keep theirs); a rule equal to the default
    is the default again. Administrators and company-wide HR."""
    if not event_rules.can_change(request.user):
        return answers.forbidden()
    wanted = {
        r.event: registry.Rule(tuple(dict.fromkeys(r.who)), tuple(dict.fromkeys(r.channels)), r.days)
        for r in payload.rules
    }
    try:
        event_rules.set_rules(by=request.user, wanted=wanted, confirm_groups=payload.confirm_groups)
    except ValidationError as error:
        return answers.refused(error)
    return _rules_out()


# ---------------------------------------------------------------- group robots


class RobotOut(Schema):
    id: int
    kind: Literal["wecom", "dingtalk", "feishu"]
    name: str
    department_id: int | None
    webhook: str = Field(alias="webhook_shown")  # without its key or token
    secret: str = Field(alias="secret_shown")  # never in full
    active: bool


class RobotIn(Schema):
    kind: Literal["wecom", "dingtalk", "feishu"]
    name: str = Field(..., min_length=1, max_length=100)
    webhook: str = Field(..., min_length=1, max_length=500)
    secret: str = Field("", max_length=200)
    department_id: int | None = Field(None, ge=1, le=MAX_ID, description="empty: the whole organisation")


class AnswerOut(Schema):
    ok: bool
    status: int
    code: int | None
    message: str
    tries: int


@router.get("/robots", response={200: list[RobotOut], **errors(401, 403)}, url_name="robots")
def robot_list(request):
    """The group robots the caller configures (HR: their departments'; company-wide HR and
    administrators: all)."""
    if not chat.can_manage(request.user):
        return answers.forbidden()
    return list(chat.visible(request.user))


@router.post("/robots", response={201: RobotOut, **errors(400, 401, 403, 422)}, url_name="robot_add")
def robot_add(request, payload: RobotIn):
    if not chat.can_manage(request.user):
        return answers.forbidden()
    department = None
    if payload.department_id is not None:
        department = Department.objects.filter(pk=payload.department_id).first()
        if department is None:
            return answers.refused(ValidationError(_("No such department."), code="invalid"))
    try:
        robot = chat.add(
            by=request.user, kind=payload.kind, name=payload.name, webhook=payload.webhook,
            secret=payload.secret, department=department,
        )  # fmt: skip
    except PermissionDenied:
        return answers.forbidden()
    except ValidationError as error:
        return answers.refused(error)
    return Status(201, robot)


def _robot(request, robot_id: int) -> ChatRobot | None:
    return chat.visible(request.user).filter(pk=robot_id).first() if chat.can_manage(request.user) else None


@router.post(
    "/robots/{robot_id}/test", response={200: AnswerOut, **errors(401, 403, 404, 422)}, url_name="robot_test"
)
def robot_test(request, robot_id: int = Path(..., ge=1, le=MAX_ID)):
    """Send a test message; the service's own answer."""
    if not chat.can_manage(request.user):
        return answers.forbidden()
    robot = _robot(request, robot_id)
    if robot is None:
        return answers.not_found()
    try:
        return chat.test(robot=robot, by=request.user)
    except PermissionDenied:
        return answers.forbidden()


@router.delete(
    "/robots/{robot_id}", response={204: None, **errors(401, 403, 404, 422)}, url_name="robot_remove"
)
def robot_remove(request, robot_id: int = Path(..., ge=1, le=MAX_ID)):
    if not chat.can_manage(request.user):
        return answers.forbidden()
    robot = _robot(request, robot_id)
    if robot is None:
        return answers.not_found()
    try:
        chat.remove(robot=robot, by=request.user)
    except PermissionDenied:
        return answers.forbidden()
    return HttpResponse(status=204)  # no content: no body, no JSON type
