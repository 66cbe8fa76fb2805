"""Factories of the review stage: cycles, templates, indicators, KPI actuals, 360° reviews, evidence."""

import datetime as dt

import factory
from django.utils import timezone


class ReviewCycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.ReviewCycle"

    name = factory.Sequence(lambda n: f"周期{n}")
    kind = "quarter"
    start_date = dt.date(2023, 7, 1)
    end_date = dt.date(2023, 9, 30)
    status = "open"


class TemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.Template"
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"模板{n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.Indicator"

    template = factory.SubFactory(TemplateFactory)
    name = factory.Sequence(lambda n: f"指标{n}")
    kind = "kpi"
    weight = 100
    target = 100


class KpiActualFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.KpiActual"


class Review360Factory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.Review360"


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.EvidenceRecord"

    kind = "positive"


class ResultFactory(factory.django.DjangoModelFactory):
    """A person's computed result of a cycle (score 68, needs improvement), as scoring stores it."""

    class Meta:
        model = "reviews.Result"

    cycle = factory.SubFactory(ReviewCycleFactory, status="feedback")
    employee = factory.SubFactory("tests.org.factories.EmployeeFactory")
    department = factory.LazyAttribute(lambda r: r.employee.department)
    template = factory.SubFactory(TemplateFactory)
    composite = 68
    complete = True
    computed_band = "needs_improvement"
    band = factory.LazyAttribute(lambda r: r.computed_band)
    rule_version = "1"
    computed_at = factory.LazyFunction(timezone.now)


class ScoredIndicatorFactory(factory.django.DjangoModelFactory):
    """One scored indicator of a result as scoring writes it; pass `gap` with `short=True`."""

    class Meta:
        model = "reviews.ScoredIndicator"

    result = factory.SubFactory(ResultFactory)
    name = "产品知识"
    short = False
    score = 90


class RootCauseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "reviews.RootCause"

    cause = "skills"
