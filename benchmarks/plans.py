"""Plan-stage benchmarks on the load benchmark's 20,000-person organisation (SQLite by default).

    .venv/bin/python benchmarks/loadtest.py --prepare-only   # once: benchmarks/load.sqlite3, 2,000 plans
    .venv/bin/python benchmarks/plans.py

The goal parser (median per sentence over its labelled sets), bulk drafting of 2,000 plans from a
template (in a transaction rolled back afterwards), and the plan page and the manager's plans list
(queries, median ms), appended to benchmarks/results.md.
"""

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import Figures, median_ms, median_ms_each, setup_on  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default=str(ROOT / "benchmarks" / "load.sqlite3"))
    parser.add_argument("--bulk", type=int, default=2000)
    args = parser.parse_args()
    setup_on(args.database)
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from perfloop.access.models import HRAssignment
    from perfloop.org.models import Department
    from perfloop.plans import drafting, smart
    from perfloop.plans.models import Plan
    from perfloop.reviews.models import Result, ReviewCycle
    from tests.plans.smart_cases import EN, TODAY, ZH

    figures = Figures()
    record = figures.record

    smart.parse("两周内", "zh", TODAY)  # numerals' tables loaded once
    for lang, cases in (("zh", ZH), ("en", EN)):
        texts = [case["text"] for case in cases]
        record(
            f"goal parser, median over the {len(texts)} {lang} sentences: ms",
            f"{median_ms_each(lambda t, lang=lang: smart.parse(t, lang, TODAY), texts):.3f}",
        )

    cycle = ReviewCycle.objects.get(status=ReviewCycle.Status.FEEDBACK)
    users = get_user_model().objects
    hr, _ = users.get_or_create(username="bench-plans-hr")
    HRAssignment.objects.get_or_create(user=hr, department=Department.objects.get(parent=None))
    with transaction.atomic():
        chosen = list(
            Result.objects.filter(cycle=cycle)
            .exclude(employee_id__in=Plan.objects.values("employee_id"))
            .order_by("pk")
            .values_list("pk", flat=True)[: args.bulk]
        )
        Result.objects.filter(pk__in=chosen).update(band="unsatisfactory")
        Result.objects.filter(cycle=cycle).exclude(pk__in=chosen).filter(band="unsatisfactory").update(
            band="good"
        )
        template = drafting.save_template(
            by=hr,
            name="bench: 专项学习提升",
            goals=[{"description": "使{indicator}从{baseline}{unit}提升至{target}{unit}", "metric": "{indicator}",
                    "unit": "{unit}", "means": "每周2次学习"}],
            actions=["参加公司产品培训课程", "完成5个客户案例分析"],
            support=[{"kind": "mentor", "text": "安排导师"}],
        )  # fmt: skip
        started = time.perf_counter()
        drafted = drafting.draft_in_bulk(
            cycle=cycle, template=template, bands=["unsatisfactory"], by=hr, start_date=dt.date(2026, 11, 2)
        )
        record(
            f"bulk drafting {drafted} plans from a template: seconds", f"{time.perf_counter() - started:.2f}"
        )
        transaction.set_rollback(True)

    from perfloop.plans.tracking import progress
    from perfloop.plans.tracking.models import CheckIn

    everything = list(Plan.objects.filter(status=Plan.Status.ACTIVE))
    progress.statuses(everything[:10], dt.date(2026, 12, 1))
    started = time.perf_counter()
    computed = progress.statuses(everything, dt.date(2026, 12, 1))
    record(
        f"status of all {len(computed)} active plans ({CheckIn.objects.count()} check-ins): seconds",
        f"{time.perf_counter() - started:.2f}",
    )
    total = Plan.objects.count()
    manager = users.get(username="load-manager")
    plan = Plan.objects.filter(employee__manager_path__startswith=manager.employee.reports_prefix).first()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(manager)
    pages = (
        ("the manager's plans list", "/plans/"),
        ("a plan page", f"/plans/{plan.pk}/"),
        ("the manager's follow-up (due and overdue)", "/followup/?scope=team"),
    )
    for name, url in pages:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        record(f"{name}, {total} plans: queries", len(queries))
        record(f"{name}, {total} plans: median ms", f"{median_ms(lambda url=url: client.get(url)):.1f}")

    from perfloop.insights.models import Lesson
    from perfloop.plans.tracking.models import Closure

    hr_client = Client(HTTP_HOST="127.0.0.1")
    hr_client.force_login(users.get(username="load-hr"))
    searches = (
        (manager, client, "the lessons search, 4 characters (协作流程)", "/insights/lessons/?q=协作流程"),
        (manager, client, "the lessons search, 2 characters (复盘)", "/insights/lessons/?q=复盘"),
        (manager, client, "the lessons search, English (review)", "/insights/lessons/?q=review"),
        (None, hr_client, "HR's outcome list", f"/insights/outcomes/?cycle={cycle.pk}"),
        (None, hr_client, "HR's promotion candidates", f"/insights/outcomes/?cycle={cycle.pk}&group=promotion_candidate"),
        (None, hr_client, "API candidates", f"/api/v1/cycles/{cycle.pk}/candidates"),
        (None, hr_client, "API lessons ?q=复盘", "/api/v1/lessons?q=复盘"),
    )  # fmt: skip
    sizes = f"{Closure.objects.count()} closed plans, {Lesson.objects.count()} lessons"
    for _user, who, name, url in searches:
        who.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert who.get(url).status_code == 200
        record(f"{name} ({sizes}): queries", len(queries))
        record(f"{name} ({sizes}): median ms", f"{median_ms(lambda url=url, who=who: who.get(url)):.1f}")

    figures.append_to_results(
        "Plans", f"`.venv/bin/python benchmarks/plans.py` on the load benchmark's database ({total} plans)."
    )


if __name__ == "__main__":
    main()
