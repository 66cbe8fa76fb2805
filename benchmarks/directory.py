"""A directory sync over the load benchmark's 20,000-person organisation (SQLite by default, on a
copy of benchmarks/load.sqlite3; DATABASE_URL=postgres://… for PostgreSQL, where it runs on that
database as it is and leaves the directory's links behind).

    .venv/bin/python benchmarks/loadtest.py --prepare-only   # once: benchmarks/load.sqlite3
    .venv/bin/python benchmarks/directory.py

The directory is the organisation itself (each department a unit, each person an entry, as LDAP
would list them), so the first sync links everyone and changes little; the second has 300 people
moved, 100 gone, 200 new and a department renamed. Each is timed with its queries, previewed and
applied. Then the same organisation is read through DingTalk, WeCom and Feishu as the tests'
stand-in plays them (tokens, paging), timed with its calls. Appended to benchmarks/results.md.
"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import Figures, setup_on  # noqa: E402


def main() -> None:
    database = ROOT / "benchmarks" / "load.sqlite3"
    if "DATABASE_URL" not in os.environ:
        copy = Path(tempfile.mkdtemp()) / "directory.sqlite3"
        shutil.copy(database, copy)
        database = copy
    setup_on(str(database))
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0)
    from perfloop.directory import sync
    from perfloop.org.models import Department, Employee

    figures = Figures()
    record = figures.record
    units = [sync.Unit(f"u{pk}", name, f"u{parent}" if parent else None)
             for pk, name, parent in Department.objects.values_list("pk", "name", "parent_id")]  # fmt: skip
    people = [
        sync.Person(f"p{pk}", name, f"u{department}", number, position or "", f"p{manager}" if manager else "", email, mobile)
        for pk, name, department, number, position, manager, email, mobile in Employee.objects.filter(
            status="active").values_list("pk", "name", "department_id", "employee_no", "position__name",
                                         "manager_id", "email", "mobile")
    ]  # fmt: skip
    record("people in the directory", len(people))
    record("units in the directory", len(units))

    def measure(what, snapshot, apply):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            run = sync.run("ldap", lambda: snapshot, apply=apply)
            seconds = time.perf_counter() - started
        assert run.status in ("applied", "previewed"), run.errors[:3]
        record(f"{what}: seconds", f"{seconds:.1f}")
        record(f"{what}: queries", len(queries))
        record(f"{what}: counts", ", ".join(f"{k} {v}" for k, v in sorted(run.counts.items())))

    first = sync.Snapshot(units, people)
    measure("first sync, previewed (links everyone)", first, apply=False)
    measure("first sync, applied", first, apply=True)
    kept = people[100:]
    units_by_id = [u.external_id for u in units if u.parent_id]
    moved = [
        sync.Person(p.external_id, p.name, units_by_id[i % len(units_by_id)], p.employee_no, p.position,
                    p.manager_id, p.email, p.mobile) if i < 300 else p
        for i, p in enumerate(kept)
    ]  # fmt: skip
    new = [
        sync.Person(f"n{i}", f"新员工{i}", units_by_id[i % len(units_by_id)], f"NEW{i:05d}")
        for i in range(200)
    ]
    renamed = [
        sync.Unit(u.external_id, f"{u.name}（新）", u.parent_id) if u is units[-1] else u for u in units
    ]
    second = sync.Snapshot(renamed, moved + new)
    measure("a day's changes, previewed", second, apply=False)
    measure("a day's changes, applied", second, apply=True)
    figures.append_to_results(
        "Directory sync over 20,000 people",
        "`.venv/bin/python benchmarks/directory.py` (the directory played by the organisation itself)",
    )
    read_through_services()


def read_through_services() -> None:
    """The same organisation read through DingTalk's, WeCom's and Feishu's APIs, played by the
    tests' stand-in on 127.0.0.1 (tokens, paging and all): how long reading it takes, in how many
    calls. The sync's writing is timed above."""
    from benchmarks.run import Figures
    from perfloop.directory import dingtalk, feishu, methods, wecom
    from perfloop.org.models import Department, Employee
    from tests.directory.services_standin import Services

    figures = Figures()
    standin = Services()
    by_pk = {pk: (f"d{pk}", name, f"d{parent}" if parent else None)
             for pk, name, parent in Department.objects.values_list("pk", "name", "parent_id")}  # fmt: skip
    top = next(pk for pk, unit in by_pk.items() if unit[2] is None)
    standin.units = [
        (u[0], u[1], None if u[2] == f"d{top}" else u[2]) for pk, u in by_pk.items() if pk != top
    ]
    numbers = dict(Employee.objects.values_list("pk", "employee_no"))
    standin.people = [
        {"id": f"p{pk}", "name": name, "unit": by_pk[department][0] if department != top else by_pk[top][0],
         "number": number, "position": position or "", "manager": f"p{manager}" if manager in numbers else ""}
        for pk, name, department, number, position, manager in Employee.objects.filter(status="active")
        .exclude(department_id=top).values_list("pk", "name", "department_id", "employee_no", "position__name", "manager_id")
    ]  # fmt: skip
    standin.freeze()
    for source, module in (("dingtalk", dingtalk), ("wecom", wecom), ("feishu", feishu)):
        found = standin.settings(source)
        method = methods.Method(source, {**methods.DEFAULTS[source], **found}, found["secret"])
        before = len(standin.calls)
        started = time.perf_counter()
        snapshot = module.snapshot(method)
        seconds = time.perf_counter() - started
        figures.record(f"{source}: people read", len(snapshot.people))
        figures.record(f"{source}: seconds, calls", f"{seconds:.1f} s, {len(standin.calls) - before} calls")
    standin.close()
    figures.append_to_results(
        "Reading 20,000 people from DingTalk, WeCom and Feishu",
        "`.venv/bin/python benchmarks/directory.py` (each service played by the tests' stand-in on 127.0.0.1)",
    )


if __name__ == "__main__":
    main()
