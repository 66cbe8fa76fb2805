"""Webhooks' writes: an administrator adds, switches or removes one, resends a delivery; every
event raised becomes a delivery for each active webhook that wants it (`record`, notify's
listener), in bulk, queued once committed."""

import json
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from perfloop.notify import words
from perfloop.notify.registry import EVENT_TYPES, Event
from perfloop.org.models import Employee
from perfloop.webhooks import addresses, rules
from perfloop.webhooks.models import Webhook, WebhookDelivery


def _check(by):
    if not rules.can_manage(by):
        raise PermissionDenied


@transaction.atomic
def add(*, by, name: str, url: str, events: list[str]) -> Webhook:
    """A new webhook with a new secret (the caller shows it once)."""
    _check(by)
    url = url.strip()
    reason = addresses.problem(url)
    errors = {}
    if reason:
        errors["url"] = reason
    if not name.strip():
        errors["name"] = _("Give the webhook a name.")
    unknown = sorted(set(events) - set(EVENT_TYPES))
    if unknown:
        errors["events"] = _("Unknown events: %(names)s.") % {"names": ", ".join(unknown)}
    elif not events:
        errors["events"] = _("Choose at least one event.")
    if errors:
        raise ValidationError(errors)
    return Webhook.objects.create(
        name=name.strip()[:100], url=url, events=sorted(set(events)), secret=secrets.token_urlsafe(32),
        created_by=by,
    )  # fmt: skip


@transaction.atomic
def switch(*, webhook: Webhook, by, active: bool) -> Webhook:
    _check(by)
    Webhook.objects.filter(pk=webhook.pk).update(active=active)
    webhook.active = active
    return webhook


@transaction.atomic
def remove(*, webhook: Webhook, by) -> None:
    _check(by)
    webhook.delete()


@transaction.atomic
def resend(*, delivery: WebhookDelivery, by) -> None:
    """A failed delivery sent again, the same body with a new signature."""
    _check(by)
    if delivery.status != WebhookDelivery.Status.FAILED:
        raise ValidationError(_("Only a failed delivery is sent again."), code="conflict")
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=WebhookDelivery.Status.PENDING, tries=0)
    transaction.on_commit(lambda: _enqueue([delivery.pk]))


def record(events: list[Event]) -> int:
    """A delivery for each active webhook wanting each event (the same event key once a webhook);
    costs one query when no webhook is set up. Returns how many are new."""
    hooks = list(Webhook.objects.filter(active=True).values_list("pk", "events"))
    wanted = [(pk, e) for pk, names in hooks for e in events if e.event in names]
    if not wanted:
        return 0
    people = {
        user_id: {"employee_no": number, "name": name}
        for user_id, number, name in Employee.objects.filter(
            user_id__in={e.employee_user_id for _pk, e in wanted if e.employee_user_id}
        ).values_list("user_id", "employee_no", "name")
    }
    bodies = {}
    with translation.override(settings.LANGUAGE_CODE):  # the organisation's language, as group robots
        for _pk, e in wanted:
            if (e.event, e.key) not in bodies:
                bodies[e.event, e.key] = json.dumps(_payload(e, people), ensure_ascii=False, default=str)
    with transaction.atomic():
        started = timezone.now()
        WebhookDelivery.objects.bulk_create(
            [WebhookDelivery(webhook_id=pk, event=e.event, key=e.key, body=bodies[e.event, e.key]) for pk, e in wanted],
            ignore_conflicts=True, batch_size=2000,
        )  # fmt: skip
        new = list(
            WebhookDelivery.objects.filter(created_at__gte=started, tries=0).values_list("pk", flat=True)
        )
        transaction.on_commit(lambda: _enqueue(new))
    return len(new)


def _payload(e: Event, people: dict) -> dict:
    return {
        "event": e.event,
        "key": e.key,
        "occurred_at": timezone.now().isoformat(),
        "employee": people.get(e.employee_user_id),
        "text": str(words.text(e.event, e.params)),
        "link": f"{settings.PERFLOOP_BASE_URL}{e.url}" if e.url else "",
        "params": e.params,
    }


def _enqueue(ids) -> None:
    from perfloop.webhooks.tasks import deliver

    for pk in ids:
        deliver.enqueue(pk)
