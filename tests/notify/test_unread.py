"""The bell's count is kept by the database with every write to the notifications, whatever the
path, and always equals a recount."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfloop.notify import inbox
from perfloop.notify.models import Notification
from tests.notify.factories import NotificationFactory

pytestmark = pytest.mark.django_db


def recount(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.sampled_from(["make", "make_read", "bulk", "read_one", "read_all", "unread_one", "delete_one"]),
        max_size=12,
    )
)
def test_the_count_equals_a_recount_after_any_writes(org, steps):
    user, other = org.user("employee"), org.user("manager")
    Notification.objects.filter(recipient__in=[user, other]).delete()
    for step in steps:
        mine = Notification.objects.filter(recipient=user).order_by("?")
        if step == "make":
            NotificationFactory(recipient=user)
        elif step == "make_read":
            NotificationFactory(recipient=user, read_at=timezone.now())
        elif step == "bulk":  # a reminder run: many people at once
            Notification.objects.bulk_create(NotificationFactory.build_batch(3, recipient=user))
            NotificationFactory(recipient=other)
        elif step == "read_one" and (note := mine.filter(read_at__isnull=True).first()):
            inbox.mark_read(user, [note.pk])
        elif step == "read_all":
            inbox.mark_read(user)
        elif step == "unread_one":
            Notification.objects.filter(pk__in=mine.values("pk")[:1]).update(read_at=None)
        elif step == "delete_one" and (note := mine.first()):
            note.delete()
        assert inbox.unread_count(user) == recount(user)
        assert inbox.unread_count(other) == recount(other)


def test_the_bell_shows_the_count_on_every_page(org, client_for):
    NotificationFactory.create_batch(2, recipient=org.user("employee"))
    page = client_for("employee").get("/").content.decode()
    assert 'data-testid="unread">2<' in page


@pytest.mark.django_db
def test_what_the_reader_acted_on_is_read_and_the_bell_counts_it_off(org):
    from perfloop.notify.registry import Event, send

    plan_notice = NotificationFactory(recipient=org.user("employee"), url="/plans/7/")
    other = NotificationFactory(recipient=org.user("employee"), url="/plans/8/")
    before = inbox.unread_count(org.user("employee"))
    # 刘洋 acknowledges plan 7: the event of that act names them as the one who acted.
    send([Event("plans.acknowledged", "k1", org.user("employee").pk, org.employee.department.path,
                org.user("manager").pk, {"title": "t", "name": "刘洋"}, "/plans/7/", org.user("employee").pk)])  # fmt: skip
    plan_notice.refresh_from_db()
    other.refresh_from_db()
    assert plan_notice.read_at is not None and other.read_at is None
    assert inbox.unread_count(org.user("employee")) == before - 1
