"""The caller's own inbox over the API."""

import datetime as dt
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field, field_validator

from perfloop.api import answers
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, errors
from perfloop.notify import inbox, log, words

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
    event: str = Field(alias="notification.event")
    channel: Literal["email"]
    status: Literal["pending", "sending", "sent", "failed"]
    tries: int
    last_error: str
    created_at: dt.datetime
    sent_at: dt.datetime | None


@router.get("/deliveries", response={200: list[DeliveryOut], **errors(401, 403, 422)}, url_name="deliveries")
@paginate(Pages, page_size=50)
def deliveries(request, status: Literal["pending", "sending", "sent", "failed"] | None = None):
    """Deliveries to people in the caller's HR scope (administrators: all), newest first."""
    if not log.can_read(request.user):
        raise HttpError(403, _("Your role does not allow this."))
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
