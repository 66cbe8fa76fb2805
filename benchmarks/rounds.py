"""Online review rounds on the load benchmark's 20,000-person organisation (SQLite by default).

    .venv/bin/python benchmarks/loadtest.py --prepare-only   # once: benchmarks/load.sqlite3
    .venv/bin/python benchmarks/rounds.py

Opens a company-wide round (self, manager and subordinate forms from the reporting line, written in
bulk) on a cycle of its own, adds two peers for everyone as approved nominations would (bulk, to
reach five reviewers each), then times the reviewer's inbox, a form page and HR's progress page in
each of its sections (queries, median ms). Appended to benchmarks/results.md. Run again, it starts
over: the previous benchmark round and its cycle are removed first.
"""

import argparse
import datetime as dt
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import Figures, competency_template, median_ms, setup_on  # noqa: E402

CYCLE = "bench-online-round"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default=str(ROOT / "benchmarks" / "load.sqlite3"))
    args = parser.parse_args()
    setup_on(args.database)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    call_command("migrate", verbosity=0)  # a database built before the rounds app
    from perfloop.bulk import upsert
    from perfloop.org.models import Employee
    from perfloop.reviews.models import ReviewCycle
    from perfloop.rounds import services
    from perfloop.rounds.models import ReviewForm, ReviewRound

    figures = Figures()
    record = figures.record
    users = get_user_model().objects
    hr = users.get(username="load-company-hr")
    for old in ReviewRound.objects.filter(cycle__name=CYCLE):
        old.delete()
    ReviewCycle.objects.filter(name=CYCLE).delete()
    today = timezone.localdate()
    cycle = ReviewCycle.objects.create(
        name=CYCLE,
        start_date=today - dt.timedelta(days=60),
        end_date=today + dt.timedelta(days=30),
        status="open",
    )
    started = time.perf_counter()
    round = services.open_round(
        by=hr, cycle=cycle, relations=["self", "manager", "peer", "subordinate"], opens_on=today,
        deadline=today + dt.timedelta(days=14), reviewer_cap=12,
    )  # fmt: skip
    seconds = time.perf_counter() - started
    line_forms = ReviewForm.objects.filter(round=round).count()
    record(f"opening a company-wide round: {line_forms} forms from the reporting line, s", f"{seconds:.2f}")

    # Two peers each, from the person's department, as approved nominations leave them.
    rng = random.Random(7)
    people = list(Employee.objects.filter(status="active").values_list("pk", "department_id", "manager_id"))
    by_department: dict[int, list[int]] = {}
    for pk, department_id, _m in people:
        by_department.setdefault(department_id, []).append(pk)
    existing = set(ReviewForm.objects.filter(round=round).values_list("employee_id", "reviewer_id"))
    template_of = dict(
        ReviewForm.objects.filter(round=round, relation="self").values_list("employee_id", "template_id")
    )
    rows = []
    now = timezone.now()
    for pk, department_id, manager_id in people:
        if pk not in template_of:
            continue
        pool = [p for p in rng.sample(by_department[department_id], min(6, len(by_department[department_id])))
                if p != pk and p != manager_id and (pk, p) not in existing][:2]  # fmt: skip
        for reviewer in pool:
            existing.add((pk, reviewer))
            rows.append(services._form_row(round, pk, reviewer, "peer", template_of[pk], now))
    started = time.perf_counter()
    upsert(ReviewForm, rows, unique=["round", "employee", "reviewer"], update=services.FORM_FIELDS)
    record(f"adding {len(rows)} peer forms in bulk, s", f"{time.perf_counter() - started:.2f}")
    total = ReviewForm.objects.filter(round=round).count()
    record("forms in the round", total)
    template = competency_template("bench-competencies")
    ReviewForm.objects.filter(round=round).update(template=template)
    answers = {
        str(pk): {"rating": 4, "comment": "按时交付，客户满意"}
        for pk in template.indicators.values_list("pk", flat=True)
    }
    # A fifth of the forms submitted, so that progress has something to count and closing to hand on.
    submitted = total // 5
    ReviewForm.objects.filter(
        round=round, pk__in=ReviewForm.objects.filter(round=round).values("pk")[:submitted]
    ).update(status="submitted", submitted_at=now, answered=3, answers=answers)

    manager = users.get(username="load-manager")
    mine = ReviewForm.objects.filter(round=round, reviewer=manager.employee).first()
    pages = [
        ("reviewer's inbox (a manager)", manager, "/rounds/inbox/"),
        ("a form page (its reviewer)", manager, f"/rounds/forms/{mine.pk}/"),
        ("progress by department, company-wide HR", hr, f"/rounds/{round.pk}/"),
        ("progress by reviewer, company-wide HR", hr, f"/rounds/{round.pk}/?section=reviewer"),
        ("progress by person, company-wide HR", hr, f"/rounds/{round.pk}/?section=person"),
        ("progress, a manager's line", manager, f"/rounds/{round.pk}/?section=person"),
    ]
    versions = iter(range(10**6, 10**9))

    def afresh(client, url):
        ReviewRound.objects.filter(pk=round.pk).update(version=next(versions))  # as a submission would
        return client.get(url)

    for name, user, url in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        assert client.get(url).status_code == 200, url
        if "progress" in name:  # counted afresh (the round moved), then as kept
            with CaptureQueriesContext(connection) as queries:
                afresh(client, url)
            record(f"{name}: queries, counted afresh", len(queries))
            record(f"{name}: median ms, counted afresh", f"{median_ms(lambda: afresh(client, url)):.1f}")  # noqa: B023
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        record(f"{name}: queries", len(queries))
        record(f"{name}: median ms", f"{median_ms(lambda: client.get(url)):.1f}")  # noqa: B023
    started = time.perf_counter()
    counted = services.close(round=round, by=hr)
    record(
        f"closing the round: {counted} ratings of {submitted} submitted forms counted, s",
        f"{time.perf_counter() - started:.2f}",
    )
    figures.append_to_results(
        "Online review round",
        f"{len(people)} people; a company-wide round with {total} forms; single requests through Django's test "
        "client (`.venv/bin/python benchmarks/rounds.py` on `loadtest.py --prepare-only`'s database).",
    )


if __name__ == "__main__":
    main()
