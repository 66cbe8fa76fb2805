import datetime as dt

import factory

from perfloop.training.models import Enrolment, Session


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.Sequence(lambda n: f"课程{n}")
    provider = "内部讲师"
    starts = dt.date(2026, 12, 10)
    ends = dt.date(2026, 12, 11)
    seats = 10


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    session = factory.SubFactory(SessionFactory)
