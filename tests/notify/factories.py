"""Factories of the notifications app: a notification and its delivery."""

import factory

from perfloop.notify.models import Delivery, Notification
from tests.org.factories import UserFactory


class NotificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    event = "plans.submitted"
    key = factory.Sequence(lambda n: f"plans.submitted:{n}")
    params = factory.LazyFunction(lambda: {"title": "改进计划", "name": "王芳"})
    url = "/plans/1/"


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delivery

    notification = factory.SubFactory(NotificationFactory)
    channel = "email"
