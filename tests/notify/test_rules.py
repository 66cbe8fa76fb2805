"""The organisation's notification rules: who hears an event and on which channels, and the days
before a plan ends; set on their page by administrators and company-wide HR, read by other HR."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from perfloop.feedback import services as feedback
from perfloop.notify import audience, event_rules, registry
from perfloop.notify.models import Delivery, EventRule, Notification
from perfloop.notify.reminders import send_reminders
from perfloop.plans.models import Plan
from tests.plans.conftest import ready

pytestmark = pytest.mark.django_db
PAGE = reverse("notify:rules")


def _form(**changed: registry.Rule) -> dict:
    """The rules page's form as a browser posts it: every event's boxes, some of them changed."""
    data = {}
    for event, default in {
        **audience.defaults(),
        **{k.replace("__", "."): v for k, v in changed.items()},
    }.items():
        data[f"{event}|who"] = list(default.who)
        data[f"{event}|channels"] = list(default.channels)
        if default.days is not None:
            data[f"{event}|days"] = str(default.days)
    return data


def test_an_administrator_changes_who_hears_a_plan_sent(
    plan, org, settings, browser_like, django_capture_on_commit_callbacks
):
    settings.PERFLOOP_SENDS_MAIL = True
    admin = browser_like("admin")
    assert 'data-testid="changed"' not in admin.get(PAGE).content.decode()
    sent_to_hr = registry.Rule((registry.EMPLOYEE, registry.HR), channels=())
    assert admin.submit(PAGE, PAGE, _form(plans__submitted=sent_to_hr)).status_code == 302
    own = EventRule.objects.get()
    assert (own.event, own.employee, own.hr, own.email, own.chat) == (
        "plans.submitted",
        True,
        True,
        False,
        False,
    )
    html = admin.get(PAGE).content.decode()
    assert html.count('data-testid="changed"') == 1 and 'data-event="plans.submitted"' in html

    employee = org.user("employee")
    employee.email = "liuyang@example.com"
    employee.save()
    with django_capture_on_commit_callbacks(execute=True):
        ready(plan, org)
    heard = sorted(Notification.objects.values_list("recipient__username", flat=True))
    assert heard == ["employee", "hr_in_scope"] and not Delivery.objects.exists()  # the inbox only

    assert admin.submit(PAGE, PAGE, _form()).status_code == 302  # back to the defaults: no row kept
    assert not EventRule.objects.exists()


def test_the_days_before_a_plan_ends_are_the_organisations(following, org, browser_like):
    plan, _goal = following
    Plan.objects.filter(pk=plan.pk).update(end_date=timezone.localdate() + dt.timedelta(days=15))
    send_reminders()
    assert not Notification.objects.filter(event="plans.ending").exists()  # 7 days by default

    admin = browser_like("admin", "zh-hans")
    for wrong in ("abc", "0", "61", "²"):
        form = _form() | {"plans.ending|days": wrong}
        refused = admin.submit(PAGE, PAGE, form)
        assert refused.status_code == 400 and "提前天数须为 1 到 60 之间的整数" in refused.content.decode()
    assert not EventRule.objects.exists()

    ending = registry.Rule((registry.EMPLOYEE, registry.MANAGER), days=20)
    assert admin.submit(PAGE, PAGE, _form(plans__ending=ending)).status_code == 302
    send_reminders()
    assert Notification.objects.filter(event="plans.ending").count() == 2
    assert send_reminders() == 0  # a longer notice later reaches nobody twice


@pytest.mark.parametrize("role", ["hr_in_scope", "hr_out_of_scope"])
def test_hr_of_part_of_the_organisation_read_the_rules_and_do_not_change_them(role, org, browser_like):
    hr = browser_like(role)
    html = hr.get(PAGE).content.decode()
    assert 'data-testid="rules-read-only"' in html and 'data-testid="save-rules"' not in html
    assert hr.post(PAGE, _form(plans__submitted=registry.Rule(()))).status_code == 403
    assert not EventRule.objects.exists()
    assert not event_rules.can_change(org.user(role)) and event_rules.can_change(org.user("admin"))


def test_a_conversation_held_reaches_nobody_unless_the_organisation_says_so(
    conversation, org, django_capture_on_commit_callbacks
):
    def hold():
        conversation.strengths = "客户沟通主动"
        conversation.save(update_fields=["strengths"])
        with django_capture_on_commit_callbacks(execute=True):
            feedback.mark_held(record=conversation, by=org.user("manager"), held_on=timezone.localdate())

    event_rules.set_rules(
        by=org.user("admin"), wanted={"feedback.held": registry.Rule((registry.HR,), channels=())}
    )
    hold()
    (note,) = Notification.objects.filter(event="feedback.held")
    assert note.recipient == org.user("hr_in_scope")
    assert Notification.objects.filter(event="feedback.acknowledgement_requested").count() == 1
