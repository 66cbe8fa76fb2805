"""Webhooks over the API, for administrators as on their page."""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Path, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import Field

from perfloop.api import answers
from perfloop.api.pagination import Pages
from perfloop.api.schemas import MAX_ID, NO_NUL, errors
from perfloop.webhooks import rules, selectors, services
from perfloop.webhooks.models import WebhookDelivery

router = Router(tags=["webhooks"])
ID = Path(..., ge=1, le=MAX_ID)


class WebhookOut(Schema):
    id: int
    name: str
    url: str
    events: list[str]
    active: bool
    created_at: dt.datetime


class WebhookMadeOut(WebhookOut):
    secret: str  # given this once: the receiver checks signatures with it


class WebhookIn(Schema):
    name: str = Field(..., max_length=100, pattern=NO_NUL)
    url: str = Field(..., max_length=500, pattern=NO_NUL)
    events: list[str] = Field(..., max_length=100)


class WebhookDeliveryOut(Schema):
    id: int
    event: str
    key: str
    status: Literal["pending", "sending", "sent", "failed"]
    tries: int
    answer_status: int | None
    answer: str
    created_at: dt.datetime
    sent_at: dt.datetime | None


def _hook(request, webhook_id):
    return selectors.webhooks().filter(pk=webhook_id).first()


@router.get("/webhooks", response={200: list[WebhookOut], **errors(401, 403)}, url_name="webhooks")
def webhook_list(request):
    if not rules.can_manage(request.user):
        return answers.forbidden()
    return list(selectors.webhooks())


@router.post(
    "/webhooks", response={201: WebhookMadeOut, **errors(400, 401, 403, 422)}, url_name="webhooks_add"
)
def webhook_add(request, payload: WebhookIn):
    """A new webhook; its signing secret is in this answer only."""
    if not rules.can_manage(request.user):
        return answers.forbidden()
    try:
        hook = services.add(by=request.user, name=payload.name, url=payload.url, events=payload.events)
    except ValidationError as error:
        return answers.refused(error)
    return Status(201, hook)


@router.delete(
    "/webhooks/{webhook_id}", response={204: None, **errors(401, 403, 404, 422)}, url_name="webhook_remove"
)
def webhook_remove(request, webhook_id: int = ID):
    if not rules.can_manage(request.user):
        return answers.forbidden()
    hook = _hook(request, webhook_id)
    if hook is None:
        return answers.not_found()
    services.remove(webhook=hook, by=request.user)
    return HttpResponse(status=204)


@router.get(
    "/webhooks/{webhook_id}/deliveries",
    response={200: list[WebhookDeliveryOut], **errors(401, 403, 404, 422)},
    url_name="webhook_deliveries",
)
@paginate(Pages, page_size=50)
def webhook_deliveries(
    request, webhook_id: int = ID, status: Literal["pending", "sending", "sent", "failed"] | None = None
):
    """The webhook's deliveries, newest first, with the receiver's answers."""
    if not rules.can_manage(request.user):
        raise answers.forbidden_error()  # a paged answer cannot be a Status
    hook = _hook(request, webhook_id)
    if hook is None:
        raise HttpError(404, _("Not found."))
    return selectors.deliveries(hook, status or "")


@router.post(
    "/webhook-deliveries/{delivery_id}/resend",
    response={200: WebhookDeliveryOut, **errors(401, 403, 404, 409, 422)},
    url_name="webhook_delivery_resend",
)
def delivery_resend(request, delivery_id: int = ID):
    """A failed delivery queued again (409 for one that has not failed)."""
    if not rules.can_manage(request.user):
        return answers.forbidden()
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).first()
    if delivery is None:
        return answers.not_found()
    try:
        services.resend(delivery=delivery, by=request.user)
    except ValidationError as error:
        return answers.refused(error)
    delivery.refresh_from_db()
    return delivery


class WebhookPatch(Schema):
    active: bool


@router.patch(
    "/webhooks/{webhook_id}",
    response={200: WebhookOut, **errors(400, 401, 403, 404, 422)},
    url_name="webhook_switch",
)
def webhook_switch(request, payload: WebhookPatch, webhook_id: int = ID):
    """Switch a webhook on or off (off: its events are not recorded for it)."""
    if not rules.can_manage(request.user):
        return answers.forbidden()
    hook = _hook(request, webhook_id)
    if hook is None:
        return answers.not_found()
    return services.switch(webhook=hook, by=request.user, active=payload.active)
