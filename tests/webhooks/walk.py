"""URL-walk declarations of outbound webhooks: administrators' alone."""

from tests.access.walk_roles import ADMIN
from tests.webhooks.factories import WebhookDeliveryFactory, WebhookFactory

DECLARED = {
    "webhooks:list": ("get", ADMIN),
    "webhooks:detail": ("get", ADMIN),
    "webhooks:switch": ("post", ADMIN),
    "webhooks:remove": ("post", ADMIN),
    "webhooks:resend": ("post", ADMIN),
    "api:webhooks": ("get", ADMIN),
    "api:webhooks_add": ("post", ADMIN),
    "api:webhook_remove": ("delete", ADMIN),
    "api:webhook_deliveries": ("get", ADMIN),
    "api:webhook_delivery_resend": ("post", ADMIN),
    "api:webhook_switch": ("patch", ADMIN),
}
PAYLOAD = {
    "api:webhooks_add": {"name": "人事系统", "url": "http://127.0.0.1:9/hook", "events": ["plans.submitted"]},
    "api:webhook_delivery_resend": {},
    "api:webhook_switch": {"active": False},
}


def arguments(org) -> dict:
    hook = WebhookFactory(created_by=org.user("admin"))
    doomed, also_doomed = (
        WebhookFactory(created_by=org.user("admin")),
        WebhookFactory(created_by=org.user("admin")),
    )
    failed = WebhookDeliveryFactory(webhook=hook, status="failed", tries=5, answer_status=500)
    return {
        "webhooks:detail": {"pk": hook.pk},
        "webhooks:switch": {"pk": hook.pk},
        "webhooks:remove": {"pk": doomed.pk},
        "webhooks:resend": {"pk": failed.pk},
        "api:webhook_remove": {"webhook_id": also_doomed.pk},
        "api:webhook_deliveries": {"webhook_id": hook.pk},
        "api:webhook_switch": {"webhook_id": hook.pk},
        "api:webhook_delivery_resend": {"delivery_id": failed.pk},
    }
