"""Events become notifications for those they concern, in each reader's language; e-mail is sent
once through the configured mailer; the inbox, its bell and its API show a person only their own."""

import pytest
from django.core import mail
from django.urls import reverse

from perfloop.accounts.models import Profile
from perfloop.notify import sending
from perfloop.notify.models import Delivery, Notification
from perfloop.plans import lifecycle
from tests.api.conftest import send
from tests.plans.conftest import ready

pytestmark = pytest.mark.django_db


def _speaks(user, language):
    Profile.objects.update_or_create(user=user, defaults={"language": language})


def test_a_plan_sent_reaches_the_employee_in_their_language_by_inbox_and_mail(
    plan, org, settings, django_capture_on_commit_callbacks
):
    settings.PERFLOOP_SENDS_MAIL = True
    employee, manager = org.user("employee"), org.user("manager")
    employee.email = "liuyang@example.com"
    employee.save()
    _speaks(employee, "en")
    with django_capture_on_commit_callbacks(execute=True):
        ready(plan, org)
    (note,) = Notification.objects.all()  # the manager who sent it hears nothing
    assert note.recipient == employee and note.event == "plans.submitted" and note.url == f"/plans/{plan.pk}/"
    (message,) = mail.outbox
    assert message.to == ["liuyang@example.com"]
    assert message.subject.startswith("[PerfLoop] Your manager sent you the plan")
    assert f"/plans/{plan.pk}/" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and "Open it in PerfLoop" in html
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.tries, delivery.last_error) == ("sent", 1, "")
    assert sending.send(delivery.pk) == "skipped" and len(mail.outbox) == 1  # never twice

    # The employee answers: the manager hears it, in Chinese.
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.comment(plan=plan, by=employee, text="希望有导师", disagrees=True)
    disagreed = Notification.objects.get(event="plans.disagreed")
    assert disagreed.recipient == manager
    client = _client(manager, "zh-hans")
    html = client.get(reverse("notify:inbox")).content.decode()
    assert "刘洋不同意计划" in html and 'data-testid="unread">1<' in html


def _client(user, language):
    from django.test import Client

    client = Client(enforce_csrf_checks=False, headers={"accept-language": language})
    client.force_login(user)
    return client


def test_no_address_fails_visibly_and_mail_off_sends_nothing(
    plan, org, settings, django_capture_on_commit_callbacks
):
    settings.PERFLOOP_SENDS_MAIL = True
    with django_capture_on_commit_callbacks(execute=True):
        ready(plan, org)
    delivery = Delivery.objects.get()
    assert delivery.status == "failed" and "no e-mail address" in delivery.last_error and delivery.tries == 1
    assert mail.outbox == []
    Notification.objects.all().delete()
    settings.PERFLOOP_SENDS_MAIL = False
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.comment(plan=plan, by=org.user("employee"), text="好的")
    assert Notification.objects.count() == 1 and not Delivery.objects.exists()  # the inbox only


def test_a_closed_plan_reaches_hr_in_scope_only(following, org, django_capture_on_commit_callbacks):
    from django.utils import timezone

    from perfloop.plans.tracking import closing

    plan, goal = following
    with django_capture_on_commit_callbacks(execute=True):
        closing.close(plan=plan, by=org.user("manager"), result="not_met", today=timezone.localdate())
        closing.decide_outcome(
            plan=plan, by=org.user("manager"), outcome="none", reason="保持", today=timezone.localdate()
        )
    heard = set(
        Notification.objects.filter(event="plans.closed").values_list("recipient__username", flat=True)
    )
    assert heard == {"employee", "hr_in_scope"}
    # The employee reads it addressed to them; HR reads whose plan it was.
    from perfloop.notify import words

    said = {
        n.recipient.username: words.text(n.event, n.params, "en")
        for n in Notification.objects.filter(event="plans.closed").select_related("recipient")
    }
    assert said["employee"] == "Your plan “产品知识提升” is closed."
    assert said["hr_in_scope"] == "The plan “产品知识提升” (刘洋) is closed."


def test_the_inbox_shows_only_ones_own(
    plan, org, api_client, browser_like, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ready(plan, org)
    note = Notification.objects.get()
    other = api_client("other_employee")
    assert send(other, "get", "/api/v1/notifications")[1]["items"] == []
    assert send(other, "post", "/api/v1/notifications/read", {"ids": [note.pk]})[1] == {"marked": 0}
    mine = api_client("employee")
    status, body = send(mine, "get", "/api/v1/notifications?unread=true")
    assert status == 200 and [i["id"] for i in body["items"]] == [note.pk] and not body["items"][0]["read"]
    assert "陈志强" not in body["items"][0]["text"] and "计划《" in body["items"][0]["text"]
    assert send(mine, "post", "/api/v1/notifications/read", {"ids": [note.pk]})[1] == {"marked": 1}
    assert send(mine, "get", "/api/v1/notifications?unread=true")[1]["items"] == []

    page = browser_like("employee", "zh-hans")
    Notification.objects.update(read_at=None)
    home = reverse("home:index")
    assert 'data-testid="unread">1<' in page.get(home).content.decode()
    response = page.submit(reverse("notify:inbox"), reverse("notify:open", args=[note.pk]), {})
    assert response.status_code == 302 and response["Location"] == f"/plans/{plan.pk}/"
    assert 'data-testid="unread"' not in page.get(home).content.decode()
    other_page = browser_like("other_employee", "zh-hans")
    response = other_page.submit(reverse("notify:inbox"), reverse("notify:open", args=[note.pk]), {})
    assert response["Location"] == reverse("notify:inbox")  # not theirs: nothing opened


def test_mail_goes_through_a_real_smtp_server(plan, org, smtp_server, django_capture_on_commit_callbacks):
    import email
    from email import policy

    employee = org.user("employee")
    employee.email = "liuyang@example.com"
    employee.save()
    with django_capture_on_commit_callbacks(execute=True):
        ready(plan, org)
    [(to, raw)] = smtp_server.messages
    message = email.message_from_string(raw, policy=policy.default)
    assert to == ["liuyang@example.com"] and "您的经理发来了计划" in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert f"/plans/{plan.pk}/" in text and "在绩效闭环中打开" in html  # Chinese: no language chosen
    assert Delivery.objects.get().status == "sent"


def test_hr_in_scope_sees_a_failure_and_sends_it_again(
    plan, org, settings, api_client, browser_like, django_capture_on_commit_callbacks
):
    settings.PERFLOOP_SENDS_MAIL = True
    with django_capture_on_commit_callbacks(execute=True):
        ready(plan, org)  # the employee has no address yet: it fails
    delivery = Delivery.objects.get()
    assert delivery.status == "failed"
    assert send(api_client("hr_out_of_scope"), "get", "/api/v1/deliveries?status=failed")[1]["items"] == []
    assert send(api_client("manager"), "get", "/api/v1/deliveries")[0] == 403
    hr = api_client("hr_in_scope")
    (item,) = send(hr, "get", "/api/v1/deliveries?status=failed")[1]["items"]
    assert item["recipient"] == "employee" and "no e-mail address" in item["last_error"]

    employee = org.user("employee")
    employee.email = "liuyang@example.com"
    employee.save()
    page = browser_like("hr_in_scope", "zh-hans")
    html = page.get(reverse("notify:deliveries")).content.decode()
    assert "no e-mail address" in html and 'data-testid="resend"' in html
    # Found by the recipient's name in pinyin; someone else's name finds nothing.
    assert 'data-testid="resend"' in page.get(reverse("notify:deliveries"), {"q": "liuyang"}).content.decode()
    assert (
        'data-testid="resend"' not in page.get(reverse("notify:deliveries"), {"q": "zhou"}).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = page.submit(reverse("notify:deliveries"), reverse("notify:resend", args=[delivery.pk]), {})
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.tries) == ("sent", 2) and len(mail.outbox) == 1
    assert send(hr, "post", f"/api/v1/deliveries/{delivery.pk}/resend")[0] == 409  # sent: nothing to resend


def test_a_meeting_mail_carries_the_invitation_and_its_cancellation(
    conversation, org, smtp_server, django_capture_on_commit_callbacks
):
    import datetime as dt
    import email
    from email import policy

    import icalendar
    from django.utils import timezone

    from perfloop.feedback import services as feedback

    employee = org.user("employee")
    employee.email = "liuyang@example.com"
    employee.save()
    _speaks(employee, "en")
    starts = timezone.make_aware(dt.datetime(2026, 12, 10, 10, 0))
    with django_capture_on_commit_callbacks(execute=True):
        feedback.schedule(
            record=conversation, by=org.user("manager"), starts_at=starts, minutes=45, place="3楼小会议室"
        )
    with django_capture_on_commit_callbacks(execute=True):
        feedback.cancel_meeting(record=conversation, by=org.user("manager"))
    invitations = []
    for _to, raw in smtp_server.messages:
        message = email.message_from_string(raw, policy=policy.default)
        (part,) = [p for p in message.iter_attachments() if p.get_content_type() == "text/calendar"]
        invitations.append((message["Subject"], icalendar.Calendar.from_ical(part.get_content())))
    (scheduled_subject, scheduled), (cancelled_subject, cancelled) = invitations
    assert "Your feedback conversation is scheduled" in scheduled_subject  # in the employee's language
    assert str(scheduled["METHOD"]) == "REQUEST" and str(cancelled["METHOD"]) == "CANCEL"
    first, second = (next(iter(c.walk("VEVENT"))) for c in (scheduled, cancelled))
    assert str(first["UID"]) == str(second["UID"]) == conversation.ics_uid
    assert int(second["SEQUENCE"]) > int(first["SEQUENCE"])


def test_a_person_mutes_email_and_the_page_says_when_mail_is_off(
    plan, org, settings, browser_like, django_capture_on_commit_callbacks
):
    page = browser_like("employee", "zh-hans")
    url = reverse("notify:settings")
    settings.PERFLOOP_SENDS_MAIL = False
    assert 'data-testid="off-email"' in page.get(url).content.decode()  # no mail server: said so
    settings.PERFLOOP_SENDS_MAIL = True
    assert page.submit(url, url, {"muted": ["email", "nonsense"]}).status_code == 302
    employee = org.user("employee")
    employee.email = "liuyang@example.com"
    employee.save()
    with django_capture_on_commit_callbacks(execute=True):
        ready(plan, org)
    assert Notification.objects.count() == 1 and not Delivery.objects.exists() and mail.outbox == []
