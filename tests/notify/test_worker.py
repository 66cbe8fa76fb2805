"""The task worker with real parts (`manage.py db_worker` on the database queue, a real SMTP
server, the test database shared with the worker process): what is queued is delivered once; a
busy server is tried again later; a worker killed while it sends, and another started, delivers
the e-mail exactly once."""

import asyncio
import datetime as dt
import signal
import socket
import subprocess
import sys
import time

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone

from perfloop.notify.models import Delivery
from perfloop.notify.sending import recover
from tests.notify.processes import ROOT, environment


class StallsFirst:
    """Holds the first message's DATA (the worker is killed meanwhile); accepts the next ones."""

    def __init__(self):
        self.messages = []
        self.seen = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.seen += 1
        if self.seen == 1:
            await asyncio.sleep(60)
            return "451 too late"
        self.messages.append(envelope.content)
        return "250 OK"


def _worker(port: int, *args) -> subprocess.Popen:
    env = environment(PERFLOOP_EMAIL_HOST="127.0.0.1", PERFLOOP_EMAIL_PORT=str(port))
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        "0.1",
    ]
    return subprocess.Popen(
        [*command, *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def _serve(handler) -> tuple[Controller, int]:
    """A real SMTP server on a free loopback port, answering with `handler`."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    return controller, port


def _plan_sent(settings) -> Delivery:
    """The plan stage's event on the database queue, committed: 刘洋's e-mail waits to be sent."""
    from perfloop.plans import events
    from perfloop.plans.models import Plan
    from tests.conftest import build_org

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    settings.PERFLOOP_SENDS_MAIL = True
    org = build_org()
    employee = org.user("employee")
    employee.email = "liuyang@example.com"
    employee.save()
    plan = Plan.objects.create(
        employee=org.employee, owner=org.user("manager"), title="产品知识提升",
        start_date="2026-12-01", end_date="2027-01-31",
    )  # fmt: skip
    events.emit(events.SUBMITTED, plan, org.user("manager"))  # committed at once (no transaction here)
    return Delivery.objects.get()


def _until(condition, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_delivery_and_another_started_delivers_once(settings):
    delivery = _plan_sent(settings)
    smtp = StallsFirst()
    controller, port = _serve(smtp)
    try:
        first = _worker(port)
        try:
            assert _until(lambda: Delivery.objects.get(pk=delivery.pk).status == "sending" and smtp.seen == 1)
        finally:
            first.send_signal(signal.SIGKILL)  # mid-delivery: the server holds its DATA
            first.wait(10)
        assert Delivery.objects.get(pk=delivery.pk).status == "sending" and smtp.messages == []

        assert recover(stale_seconds=0) == 1  # as send_reminders does, once the delivery is stale
        second = _worker(port, "--batch")
        _out, err = second.communicate(timeout=60)
        assert second.returncode == 0, err.decode()[-2000:]
    finally:
        controller.stop()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.tries) == ("sent", 2) and len(smtp.messages) == 1


class BusyFirst:
    """Answers the first message "451, try again later", as a busy server does; accepts the next."""

    def __init__(self):
        self.messages = []
        self.seen = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        self.seen += 1
        if self.seen == 1:
            return "451 4.3.0 try again later"
        self.messages.append(envelope.content)
        return "250 OK"


@pytest.mark.django_db(transaction=True)
def test_a_busy_mail_server_is_tried_again_later(settings):
    smtp = BusyFirst()
    controller, port = _serve(smtp)
    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                                    "OPTIONS": {"host": "127.0.0.1", "port": port}}}  # fmt: skip
    settings.PERFLOOP_DELIVERY_BACKOFF = 0
    try:
        delivery = _plan_sent(settings)
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    finally:
        controller.stop()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.tries, delivery.last_error) == ("sent", 2, "")
    assert smtp.seen == 2 and len(smtp.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_delivers_what_was_queued(smtp_server, settings):
    delivery = _plan_sent(settings)
    assert delivery.status == "pending" and smtp_server.messages == []  # queued, not yet sent
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    delivery.refresh_from_db()
    assert delivery.status == "sent" and len(smtp_server.messages) == 1
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert len(smtp_server.messages) == 1  # nothing left to send twice


@pytest.mark.django_db(transaction=True)
def test_a_robot_over_its_rate_defers_its_messages_and_the_worker_goes_on(smtp_server, settings):
    """24 messages for one group robot (20 a minute), then an e-mail: the worker sends 20, defers
    4 to their slots a minute on (kept for them, without waiting), and delivers the e-mail."""
    from django.contrib.auth import get_user_model
    from django_tasks_db.models import DBTaskResult

    from perfloop.notify.dispatch import enqueue
    from perfloop.notify.models import ChatRobot, Notification
    from tests.notify.chat_services import KEY, ChatServices

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    service = ChatServices(per_minute=20)
    try:
        user = get_user_model().objects.create(username="liuyang", email="liuyang@example.com")
        robot = ChatRobot.objects.create(kind="wecom", name="研发群", webhook=f"{service.url}/wecom?key={KEY}",
                                         created_by=user)  # fmt: skip
        notes = [
            Notification.objects.create(
                recipient=user, event="plans.submitted", key=f"n{n}", params={"title": "计划", "name": "刘洋"}
            )  # fmt: skip
            for n in range(25)
        ]
        chats = [Delivery.objects.create(notification=n, channel="chat", robot=robot).pk for n in notes[:24]]
        mail = Delivery.objects.create(notification=notes[24], channel="email").pk
        enqueue([*chats, mail])
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)  # stops when none is ready
    finally:
        service.close()
    assert len(service.received) == 20 and service.rate_limited == 0
    assert Delivery.objects.get(pk=mail).status == "sent" and len(smtp_server.messages) == 1
    later = Delivery.objects.filter(pk__in=chats, status="pending")
    assert later.count() == 4 and set(later.values_list("tries", flat=True)) == {0}
    waiting = DBTaskResult.objects.filter(
        status="READY", run_after__gt=timezone.now() + dt.timedelta(seconds=50)
    )
    assert sorted(t.args_kwargs["args"][0] for t in waiting) == sorted(later.values_list("pk", flat=True))
    assert recover(stale_seconds=0) == 0  # each is its task's until its slot
