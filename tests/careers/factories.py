import factory

from perfloop.careers.models import Dossier, Requirement, Step
from perfloop.org.models import Position


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"岗位{n}")


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Step

    position = factory.SubFactory(PositionFactory)
    next_position = factory.SubFactory(PositionFactory)


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    step = factory.SubFactory(StepFactory)
    indicator = "沟通能力"
    level = 80


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dossier

    kind = "promotion"
    position = factory.SubFactory(PositionFactory, name="高级工程师")
