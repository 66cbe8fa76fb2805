"""Reminder benchmarks on the load benchmark's 20,000-person organisation (SQLite by default).

    .venv/bin/python benchmarks/loadtest.py --prepare-only   # once: benchmarks/load.sqlite3, 2,000 active plans
    .venv/bin/python benchmarks/notify.py

`send_reminders` over every active plan (seconds, queries; in a transaction rolled back afterwards,
run twice to show the second run adds nothing), and a real `db_worker` process delivering 1,000
queued e-mails to a local SMTP server (aiosmtpd), appended to benchmarks/results.md.
"""

import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import Figures, setup_on  # noqa: E402


def main() -> None:
    setup_on(str(ROOT / "benchmarks" / "load.sqlite3"))
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from perfloop.notify.models import Notification
    from perfloop.notify.reminders import send_reminders
    from perfloop.plans.models import Plan

    figures = Figures()
    active = Plan.objects.filter(status=Plan.Status.ACTIVE).count()
    today = dt.date(2026, 12, 1)
    with transaction.atomic():
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            made = send_reminders(today)
            seconds = time.perf_counter() - started
        figures.record(f"send_reminders over {active} active plans: new notifications", made)
        figures.record(f"send_reminders over {active} active plans: seconds", f"{seconds:.2f}")
        figures.record(f"send_reminders over {active} active plans: queries", len(queries))
        started = time.perf_counter()
        again = send_reminders(today)
        figures.record("the same run again: new notifications", again)
        figures.record("the same run again: seconds", f"{time.perf_counter() - started:.2f}")
        figures.record("notifications in all", Notification.objects.count())
        transaction.set_rollback(True)
    deliver_queued_mail(figures, count=1000)
    pace_one_robot(figures, count=40, workers=2)
    figures.append_to_results(
        "Reminders", "`.venv/bin/python benchmarks/notify.py` on the load benchmark's database."
    )


def deliver_queued_mail(figures, count: int) -> None:
    import os
    import socket
    import subprocess

    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection

    from perfloop.notify.dispatch import enqueue
    from perfloop.notify.models import Delivery, Notification

    class Sink:
        def __init__(self):
            self.count = 0

        async def handle_DATA(self, server, session, envelope):  # noqa: N802
            self.count += 1
            return "250 OK"

    sink = Sink()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    user, _ = get_user_model().objects.get_or_create(
        username="bench-mail", defaults={"email": "bench@example.com"}
    )
    notes = Notification.objects.bulk_create(
        Notification(recipient=user, event="plans.submitted", key=f"bench-mail-{n}", params={"title": "计划", "name": "刘洋"},
                     url="/plans/1/")
        for n in range(count)
    )  # fmt: skip
    ids = [
        d.pk for d in Delivery.objects.bulk_create(Delivery(notification=n, channel="email") for n in notes)
    ]
    if connection.vendor == "sqlite" and not ids[0]:
        ids = list(
            Delivery.objects.filter(notification__key__startswith="bench-mail-").values_list("pk", flat=True)
        )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    enqueue(ids)
    env = {**os.environ, "PERFLOOP_EMAIL_HOST": "127.0.0.1", "PERFLOOP_EMAIL_PORT": str(port)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-reload", "--no-startup-delay"],
        cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    controller.stop()
    sent = Delivery.objects.filter(pk__in=ids, status="sent").count()
    figures.record(
        f"db_worker delivering {count} queued e-mails to a local SMTP server: seconds", f"{seconds:.1f}"
    )
    figures.record(f"db_worker delivering {count} queued e-mails: sent, received", f"{sent}, {sink.count}")
    Notification.objects.filter(recipient=user).delete()


def pace_one_robot(figures, count: int, workers: int) -> None:
    """`workers` db_worker processes deliver `count` messages to one WeCom robot, played on
    127.0.0.1 by a service that refuses (errcode 45009) a 21st message within a minute, as WeCom
    does: with the pace shared through the database, none is refused."""
    import os
    import subprocess

    from django.conf import settings
    from django.contrib.auth import get_user_model

    from perfloop.notify.dispatch import enqueue
    from perfloop.notify.models import ChatRobot, Delivery, Notification, RobotPace
    from tests.notify.chat_services import KEY, ChatServices

    service = ChatServices(per_minute=20)
    user, _ = get_user_model().objects.get_or_create(username="bench-chat")
    robot = ChatRobot.objects.create(kind="wecom", name="bench", webhook=f"{service.url}/wecom?key={KEY}",
                                     created_by=user)  # fmt: skip
    notes = Notification.objects.bulk_create(
        Notification(recipient=user, event="plans.submitted", key=f"bench-chat-{n}",
                     params={"title": "计划", "name": "刘洋"}, url="/plans/1/")
        for n in range(count)
    )  # fmt: skip
    Delivery.objects.bulk_create(Delivery(notification=n, channel="chat", robot=robot) for n in notes)
    ids = list(Delivery.objects.filter(robot=robot).values_list("pk", flat=True))
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    enqueue(ids)
    # Not --batch: messages over the rate wait in the queue for their slot, not in a worker.
    command = [
        sys.executable,
        "manage.py",
        "db_worker",
        "--no-reload",
        "--no-startup-delay",
        "--interval",
        "0.2",
    ]
    started = time.perf_counter()
    env = {**os.environ, "PERFLOOP_ROBOT_HOSTS": "127.0.0.1"}  # the service played on the loopback
    running = [
        subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL) for _ in range(workers)
    ]
    while Delivery.objects.filter(pk__in=ids, status="sent").count() < count:
        if time.perf_counter() - started > 300:
            break
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    for worker in running:
        worker.terminate()
        worker.wait()
    times = service.accepted_at
    busiest = max(sum(0 <= t - first < 60 for t in times) for first in times)
    sent = Delivery.objects.filter(pk__in=ids, status="sent").count()
    figures.record(
        f"{workers} workers, {count} messages to one robot (20 a minute): seconds", f"{seconds:.1f}"
    )
    figures.record(
        "… sent, refused by the service for its rate, most accepted in any minute",
        f"{sent}, {service.rate_limited}, {busiest}",
    )
    service.close()
    ChatRobot.objects.filter(pk=robot.pk).delete()
    RobotPace.objects.all().delete()
    Notification.objects.filter(recipient=user).delete()


if __name__ == "__main__":
    main()
