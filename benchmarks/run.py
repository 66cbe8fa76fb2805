"""Benchmarks on a generated organisation (SQLite by default), written to benchmarks/results.md.

    make benchmark                      # 20,000 employees
    .venv/bin/python benchmarks/run.py --employees 2000

Times are wall-clock medians on this machine; query counts are exact.
"""

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def median_ms(fn, repeat=5):
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def setup_on(database: str) -> None:
    """Django with the app's own settings, on DATABASE_URL or else this SQLite file."""
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    os.environ.update(PERFLOOP_DEBUG="1", DJANGO_SETTINGS_MODULE="perfloop.settings")
    import django

    django.setup()


class Figures:
    """Figures printed as they are measured, then appended to benchmarks/results.md as a table."""

    def __init__(self):
        self.rows = []

    def record(self, what: str, value) -> None:
        self.rows.append((what, value))
        print(f"{what}: {value}")

    def append_to_results(self, title: str, how: str) -> None:
        from django.db import connection

        with open(ROOT / "benchmarks" / "results.md", "a", encoding="utf-8") as out:
            out.write(
                f"\n## {title}: {time.strftime('%Y-%m-%d %H:%M %Z')} · {connection.vendor}\n\n{how}\n\n"
            )
            out.write("| measure | value |\n|---|---|\n")
            out.writelines(f"| {what} | {value} |\n" for what, value in self.rows)


def median_ms_each(fn, items) -> float:
    """The median of one call of `fn` per item, in milliseconds."""
    samples = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=20000)
    parser.add_argument("--database", default=str(ROOT / "benchmarks" / "bench.sqlite3"))
    args = parser.parse_args()

    if "DATABASE_URL" not in os.environ:
        for suffix in ("", "-wal", "-shm"):
            Path(args.database + suffix).unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{args.database}"
    os.environ.setdefault("PERFLOOP_DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "perfloop.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from openpyxl import Workbook

    from perfloop.access.models import HRAssignment
    from perfloop.org.generator import generate_org
    from perfloop.org.importing import plan_org_import
    from perfloop.org.models import Department, Employee

    call_command("migrate", verbosity=0)
    results = []

    def record(what, value):
        results.append((what, value))
        print(f"{what}: {value}")

    call_command("seed_demo", "--force", verbosity=0)
    users = django.contrib.auth.get_user_model().objects

    def page(user, url):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        client.get(url)  # warm up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return len(queries), median_ms(lambda: client.get(url))

    hr = users.get(username="hr")
    count, ms = page(hr, "/org/")
    record("directory page, 84 employees in scope (HR): queries", count)
    record("directory page, 84 employees in scope (HR): median ms", f"{ms:.1f}")

    started = time.perf_counter()
    generated = generate_org(employees=args.employees, seed=1)
    record(f"generate_org --employees {args.employees}: seconds", f"{time.perf_counter() - started:.2f}")

    company = generated["company"]
    HRAssignment.objects.create(user=hr, department=company)
    hr = users.get(username="hr")
    total = Employee.objects.count()
    for url in ("/org/", "/org/?q=张", "/api/v1/employees", "/"):
        count, ms = page(hr, url)
        record(f"{url} as HR over {total} employees: queries", count)
        record(f"{url} as HR over {total} employees: median ms", f"{ms:.1f}")

    # The head of the largest division, with their whole subtree as team.
    division = Department.objects.filter(parent=company).first()
    head = Employee.objects.get(department=division, manager__department=company)
    head.user = users.create_user("bench-manager", password="bench-password-1")
    head.save()
    team_size = Employee.objects.filter(manager_path__under=head.reports_prefix).count()
    count, ms = page(head.user, "/org/team/")
    record(f"team page, manager of {team_size}: queries", count)
    record(f"team page, manager of {team_size}: median ms", f"{ms:.1f}")

    # Import: re-import the generated organisation as an XLSX file (validation of every row).
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["工号", "姓名", "部门", "岗位", "直属上级工号", "入职日期", "邮箱"])
    paths = {d.pk: d for d in Department.objects.all()}
    for e in Employee.objects.filter(employee_no__startswith="G1-").select_related("position", "manager"):
        names = [paths[int(i)].name for i in paths[e.department_id].path.strip("/").split("/")]
        sheet.append(
            [
                e.employee_no,
                e.name,
                "/".join(names),
                e.position.name,
                e.manager.employee_no if e.manager else "",
                e.hire_date,
                e.email,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    started = time.perf_counter()
    plan = plan_org_import(buffer.getvalue(), "bench.xlsx")
    record(
        f"import preview of {len(plan.rows)} rows (XLSX, validate all): seconds",
        f"{time.perf_counter() - started:.2f}",
    )
    assert plan.ok and plan.unchanged == len(plan.rows), plan.errors[:3]

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import reviews

    reviews.run(record, company, hr, median_ms)

    out = ROOT / "benchmarks" / "results.md"
    with out.open("a", encoding="utf-8") as f:
        f.write(
            f"\n## {time.strftime('%Y-%m-%d %H:%M %Z')} · {connection.vendor} · {args.employees} employees\n\n"
        )
        f.write("| measure | value |\n|---|---|\n")
        for what, value in results:
            f.write(f"| {what} | {value} |\n")
    print(f"written to {out}")


if __name__ == "__main__":
    main()


def competency_template(name: str):
    """A template of three competencies with their anchors, applied to nobody (scoring leaves it
    alone): what the benchmarks' review forms ask, as a real template would, so that a form page
    costs what it will. The load organisation's own template has KPIs only."""
    from perfloop.reviews.models import Indicator, Template

    template, made = Template.objects.get_or_create(name=name)
    if made:
        for n, competency in enumerate(("沟通协作", "专业能力", "责任心")):
            Indicator.objects.create(
                template=template, name=competency, kind="competency", weight=30 + 5 * n, order=n,
                anchors=["很少做到", "偶尔做到", "稳定做到", "困难时也能做到", "带动他人"],
            )  # fmt: skip
    return template
