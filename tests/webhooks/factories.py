"""Factories of outbound webhooks and their deliveries."""

import factory


class WebhookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "webhooks.Webhook"

    name = factory.Sequence(lambda n: f"人事系统{n}")
    url = "http://127.0.0.1:9/hook"
    secret = factory.Sequence(lambda n: f"whsec-test-{n:04d}-0123456789abcdef")
    events = factory.LazyFunction(lambda: ["plans.submitted"])
    created_by = factory.SubFactory("tests.org.factories.UserFactory")


class WebhookDeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "webhooks.WebhookDelivery"

    webhook = factory.SubFactory(WebhookFactory)
    event = "plans.submitted"
    key = factory.Sequence(lambda n: f"key-{n}")
    body = '{"event": "plans.submitted"}'
