"""Factories of the feedback stage: a feedback record of a person's result."""

import factory

from perfloop.feedback.models import FeedbackRecord
from tests.org.factories import UserFactory
from tests.reviews.factories import ResultFactory


class FeedbackRecordFactory(factory.django.DjangoModelFactory):
    """A planned conversation about `result`; pass `status` and the record's texts for a later state."""

    class Meta:
        model = FeedbackRecord

    result = factory.SubFactory(ResultFactory)
    cycle = factory.LazyAttribute(lambda r: r.result.cycle)
    employee = factory.LazyAttribute(lambda r: r.result.employee)
    holder = factory.SubFactory(UserFactory)


class FeedbackRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.FeedbackRequest"

    record = factory.SubFactory(FeedbackRecordFactory)
    kind = "training"
    text = "希望参加产品培训"


class AppealFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "feedback.Appeal"

    record = factory.SubFactory(FeedbackRecordFactory, status="disputed")
    reason = "不同意评价"
