"""Review-stage benchmarks: 20,000 people × 10 KPIs = 200,000 results, on the database in DATABASE_URL.

Called by benchmarks/run.py after the organisation benchmarks; `record(what, value)` collects figures.
"""

import csv
import datetime as dt
import io
import random
import statistics
import time


def run(record, company, hr_user, median_ms):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from openpyxl import Workbook

    from perfloop.access.models import HRAssignment
    from perfloop.org.models import Department, Employee
    from perfloop.reviews.exporting import export
    from perfloop.reviews.importing import apply_import
    from perfloop.reviews.models import Indicator, ReviewCycle, Template
    from perfloop.reviews.services import score_cycle

    template = Template.objects.create(name="基准岗")
    template.departments.add(company)
    names = [f"指标{i + 1:02d}" for i in range(10)]
    for order, name in enumerate(names):
        Indicator.objects.create(
            template=template,
            name=name,
            kind="kpi",
            weight=10,
            unit="分",
            target=100,
            direction="lower" if order == 9 else "higher",
            order=order,
        )
    cycle = ReviewCycle.objects.create(
        name="基准周期", start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 3, 31), status="open"
    )
    numbers = list(
        Employee.objects.filter(department__path__under=company.path).values_list("employee_no", flat=True)
    )
    rng = random.Random(7)
    rows = [(no, name, round(rng.uniform(60, 130), 1)) for no in numbers for name in names]

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["工号", "指标", "实际值"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    xlsx = buffer.getvalue()
    text = io.StringIO()
    csv.writer(text).writerows([("工号", "指标", "实际值"), *rows])

    started = time.perf_counter()
    plan = apply_import("results", xlsx, "results.xlsx", cycle=cycle)
    record(
        f"import of {len(rows)} KPI results (XLSX, check all rows + write): seconds",
        f"{time.perf_counter() - started:.2f}",
    )
    assert plan.to_create == len(rows), plan.errors[:3]
    started = time.perf_counter()
    plan = apply_import("results", text.getvalue().encode(), "results.csv", cycle=cycle)
    record(
        f"re-import of {len(rows)} KPI results (CSV, all updates): seconds",
        f"{time.perf_counter() - started:.2f}",
    )

    timings = []
    for _ in range(3):
        started = time.perf_counter()
        count = score_cycle(cycle=cycle)
        timings.append(time.perf_counter() - started)
    record(
        f"scoring the whole cycle ({count} results): seconds (median of 3)",
        f"{statistics.median(timings):.2f}",
    )

    for fmt in ("csv", "xlsx"):
        started = time.perf_counter()
        data = export(cycle.results.all(), fmt)
        record(
            f"export_results {fmt} ({count} rows, {len(data) // 1024} KiB): seconds",
            f"{time.perf_counter() - started:.2f}",
        )

    department = max(
        Department.objects.filter(parent__parent=company),
        key=lambda d: Employee.objects.filter(department__path__under=d.path).count(),
    )
    size = Employee.objects.filter(department__path__under=department.path).count()
    HRAssignment.objects.filter(user=hr_user).delete()
    HRAssignment.objects.create(user=hr_user, department=department)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(hr_user)
    url = f"/reviews/cycles/{cycle.pk}/team/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    record(f"team view, department of {size}: queries", len(queries))
    record(f"team view, department of {size}: median ms", f"{median_ms(lambda: client.get(url)):.1f}")
    result = cycle.results.filter(employee__department__path__under=department.path).first()
    url = f"/reviews/results/{result.pk}/"
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    record("result page: queries", len(queries))
    record("result page: median ms", f"{median_ms(lambda: client.get(url)):.1f}")
