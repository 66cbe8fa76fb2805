"""Events reach the webhooks that want them, signed, once each; a receiver that does not take a
delivery gets it again later through the task queue; nothing is posted to the server's own
network. Every delivery here crosses a real HTTP connection to a receiver on 127.0.0.1 that
checks the signature as an integrator's would."""

import datetime as dt
import json
import socket

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from perfloop.notify import registry
from perfloop.webhooks import addresses, sending, services
from perfloop.webhooks.models import WebhookDelivery
from tests.webhooks.factories import WebhookDeliveryFactory, WebhookFactory
from tests.webhooks.receiver import Receiver

SECRET = "whsec-0123456789abcdef0123456789abcdef"


@pytest.fixture
def receiver():
    r = Receiver(SECRET)
    yield r
    r.close()


def submitted(org, key="plan-7-submitted"):
    """The event a plan sent to 刘洋 raises (as the plan stage raises it)."""
    return registry.Event(
        "plans.submitted", key, org.user("employee").pk, org.employee.department.path, None,
        {"title": "沟通改进计划", "name": "刘洋"}, "/plans/7/",
    )  # fmt: skip


@pytest.mark.django_db
def test_an_event_is_posted_signed_to_each_webhook_that_wants_it(
    org, receiver, django_capture_on_commit_callbacks
):
    wants = WebhookFactory(url=receiver.url, secret=SECRET, events=["plans.submitted", "feedback.held"])
    WebhookFactory(url=receiver.url, secret=SECRET, events=["feedback.held"])  # not this event
    WebhookFactory(url=receiver.url, secret=SECRET, events=["plans.submitted"], active=False)
    with django_capture_on_commit_callbacks(execute=True):
        registry.send([submitted(org)])
    assert receiver.refused == 0 and len(receiver.received) == 1
    headers, body = receiver.received[0]
    delivery = WebhookDelivery.objects.get()
    assert delivery.webhook == wants and delivery.status == "sent" and delivery.answer_status == 200
    assert headers["X-PerfLoop-Event"] == "plans.submitted" and headers["X-PerfLoop-Delivery"] == str(
        delivery.pk
    )
    assert body["event"] == "plans.submitted" and body["key"] == "plan-7-submitted"
    assert body["employee"] == {"employee_no": "E0001", "name": "刘洋"}
    assert body["params"] == {"title": "沟通改进计划", "name": "刘洋"}
    assert body["link"].endswith("/plans/7/") and "沟通改进计划" in body["text"]


@pytest.mark.django_db
def test_the_same_event_twice_is_delivered_once(org, receiver, django_capture_on_commit_callbacks):
    WebhookFactory(url=receiver.url, secret=SECRET)
    for _ in range(2):  # a reminder run repeated raises the same keys
        with django_capture_on_commit_callbacks(execute=True):
            registry.send([submitted(org)])
    assert len(receiver.received) == 1 and WebhookDelivery.objects.count() == 1


@pytest.mark.django_db
def test_a_wrong_secret_is_refused_by_the_receiver_and_kept_as_failed(org, receiver):
    delivery = WebhookDeliveryFactory(webhook=WebhookFactory(url=receiver.url, secret="another-secret"))
    assert sending.send(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert receiver.refused == 1 and delivery.answer_status == 401 and delivery.answer == "bad signature"


@pytest.mark.django_db
def test_a_busy_receiver_gets_it_again_later_through_the_task_queue(org, receiver, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.PERFLOOP_WEBHOOK_BACKOFF = 60
    receiver.answers = [(503, b"busy", {}), (500, b"oops", {})]
    delivery = WebhookDeliveryFactory(webhook=WebhookFactory(url=receiver.url, secret=SECRET))
    before = timezone.now()
    assert sending.send(delivery.pk) == "pending"
    queued = DBTaskResult.objects.get()
    assert queued.args_kwargs["args"] == [delivery.pk]
    assert before + dt.timedelta(seconds=59) < queued.run_after < timezone.now() + dt.timedelta(seconds=61)
    assert sending.send(delivery.pk) == "pending"  # the worker's second try: waits twice as long
    second = DBTaskResult.objects.latest("enqueued_at")
    assert second.run_after > timezone.now() + dt.timedelta(seconds=119)
    assert sending.send(delivery.pk) == "sent"
    delivery.refresh_from_db()
    assert delivery.tries == 3 and delivery.answer_status == 200 and len(receiver.received) == 3
    assert sending.send(delivery.pk) == "skipped"  # a task run twice posts nothing more
    assert len(receiver.received) == 3


@pytest.mark.django_db
def test_tries_end_after_the_last_one(org, receiver, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    receiver.answers = [(503, b"busy", {})] * sending.TRIES
    delivery = WebhookDeliveryFactory(webhook=WebhookFactory(url=receiver.url, secret=SECRET))
    outcomes = [sending.send(delivery.pk) for _ in range(sending.TRIES)]
    assert outcomes == ["pending"] * (sending.TRIES - 1) + ["failed"]
    assert DBTaskResult.objects.count() == sending.TRIES - 1


@pytest.mark.django_db
def test_a_refusal_or_a_redirect_is_final_and_not_followed(org, receiver):
    receiver.answers = [(302, b"", {"Location": "http://127.0.0.1:9/elsewhere"})]
    delivery = WebhookDeliveryFactory(webhook=WebhookFactory(url=receiver.url, secret=SECRET))
    assert sending.send(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.answer_status == 302 and len(receiver.received) == 1


@pytest.mark.django_db
def test_no_answer_is_kept_with_its_reason(org):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    delivery = WebhookDeliveryFactory(webhook=WebhookFactory(url=f"http://127.0.0.1:{port}/x", secret=SECRET))
    assert sending.send(delivery.pk) == "failed"  # the immediate queue cannot wait: no later try
    delivery.refresh_from_db()
    assert delivery.answer_status is None and "ConnectionRefusedError" in delivery.answer


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/hook",  # plain http to the internet
        "https://127.0.0.1/hook",
        "https://localhost:8000/hook",
        "https://[::1]/hook",
        "https://10.0.0.8/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://user:pw@example.com/hook",
        "https://exa mple.com/hook",
        "https://例子.com/hook",
        "ftp://example.com/hook",
    ],
)
def test_addresses_of_the_servers_own_network_or_not_https_are_refused(url, settings):
    settings.PERFLOOP_WEBHOOK_HOSTS = []
    assert addresses.problem(url) != ""


def test_a_public_https_address_or_a_named_host_is_taken(settings):
    settings.PERFLOOP_WEBHOOK_HOSTS = ["hr.intranet.example"]
    assert addresses.problem("https://hooks.example.com/perfloop?team=hr") == ""
    assert addresses.problem("http://hr.intranet.example:8080/in") == ""


@pytest.mark.django_db
def test_a_name_that_resolves_to_the_own_network_is_not_posted_to(org, receiver, settings, monkeypatch):
    """The host is resolved when the delivery is sent: a public name whose DNS now answers with
    the loopback (DNS rebinding) is refused then, and nothing is posted."""
    settings.PERFLOOP_WEBHOOK_HOSTS = []
    port = receiver.server.server_address[1]
    url = f"https://hooks.example.com:{port}/x"
    assert addresses.problem(url) == ""  # passes as written: only its addresses tell
    real = socket.getaddrinfo
    monkeypatch.setattr(  # the name server's answer, as a rebinding one would give it
        addresses.socket, "getaddrinfo",
        lambda host, *a, **k: real("127.0.0.1", *a, **k) if host == "hooks.example.com" else real(host, *a, **k),
    )  # fmt: skip
    delivery = WebhookDeliveryFactory(webhook=WebhookFactory(url=url))
    assert sending.send(delivery.pk) == "failed"
    delivery.refresh_from_db()
    assert delivery.answer == "not sent: the host resolves to the server's own network"
    assert receiver.received == [] and receiver.refused == 0


@pytest.mark.django_db
def test_a_failed_delivery_is_sent_again_with_a_new_signature(
    org, receiver, django_capture_on_commit_callbacks
):
    hook = WebhookFactory(url=receiver.url, secret=SECRET)
    delivery = WebhookDeliveryFactory(webhook=hook, status="failed", tries=5, body=json.dumps({"event": "x"}))
    with django_capture_on_commit_callbacks(execute=True):
        services.resend(delivery=delivery, by=org.user("admin"))
    delivery.refresh_from_db()
    assert delivery.status == "sent" and receiver.received[0][1] == {"event": "x"}


@pytest.mark.django_db
def test_a_delivery_a_worker_died_on_or_lost_is_sent_by_the_next_recovery_once(org, receiver):
    webhook = WebhookFactory(url=receiver.url, secret=SECRET, events=["plans.submitted"])
    long_ago = timezone.now() - dt.timedelta(minutes=30)
    died_on = WebhookDeliveryFactory(webhook=webhook, status="sending", tries=1, claimed_at=long_ago)
    lost = WebhookDeliveryFactory(webhook=webhook)  # its task never reached the queue
    waiting = WebhookDeliveryFactory(webhook=webhook, status="pending", tries=1, claimed_at=timezone.now())
    WebhookDelivery.objects.filter(pk__in=[died_on.pk, lost.pk, waiting.pk]).update(created_at=long_ago)
    busy = WebhookDeliveryFactory(webhook=webhook, status="sending", tries=1, claimed_at=timezone.now())
    assert sending.recover() == 2  # the tasks run at once here
    assert {d.pk: d.status for d in WebhookDelivery.objects.all()} == {
        died_on.pk: "sent",
        lost.pk: "sent",
        waiting.pk: "pending",
        busy.pk: "sending",
    }  # the one in its backoff and the one being sent stay theirs
    assert len(receiver.received) == 2 and sending.recover() == 0
