"""Factories of the insights app: lessons (their search fields filled as the service fills them)."""

import factory

from perfloop.insights import lessons
from perfloop.insights.models import Lesson
from tests.org.factories import DepartmentFactory, UserFactory


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    title = factory.Sequence(lambda n: f"经验{n}")
    done = "每周同步一次"
    department = factory.SubFactory(DepartmentFactory)
    author = factory.SubFactory(UserFactory)
    sharing = Lesson.Sharing.COMPANY
    search_text = factory.LazyAttribute(lambda x: " ".join([x.title, x.done]).lower())
    grams = factory.LazyAttribute(lambda x: lessons.grams(x.search_text))
