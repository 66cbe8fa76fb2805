from perfloop.webhooks.models import Webhook, WebhookDelivery


def webhooks():
    return Webhook.objects.order_by("name", "pk")


def deliveries(webhook: Webhook, status: str = ""):
    found = WebhookDelivery.objects.filter(webhook=webhook).defer("body")
    return found.filter(status=status) if status in WebhookDelivery.Status.values else found
