"""Reminder benchmarks on the load benchmark's 20,000-person organisation (SQLite by default).

    .venv/bin/python benchmarks/loadtest.py --prepare-only   # once: benchmarks/load.sqlite3, 2,000 active plans
    .venv/bin/python benchmarks/notify.py

`send_reminders` over every active plan (seconds, queries; in a transaction rolled back afterwards,
run twice to show the second run adds nothing), appended to benchmarks/results.md.
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
    figures.append_to_results(
        "Reminders", "`.venv/bin/python benchmarks/notify.py` on the load benchmark's database."
    )


if __name__ == "__main__":
    main()
