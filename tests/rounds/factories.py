"""Factories of online reviews: rounds, nominations and forms."""

import datetime as dt

import factory
from django.utils import timezone


class ReviewRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "rounds.ReviewRound"

    cycle = factory.SubFactory("tests.reviews.factories.ReviewCycleFactory")
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=1))
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))
    peers_min = 2
    peers_max = 5
    reviewer_cap = 3


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "rounds.Nomination"

    relation = "peer"


class ReviewFormFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "rounds.ReviewForm"
