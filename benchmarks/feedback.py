"""Feedback-stage benchmarks on the load benchmark's 20,000-person organisation (SQLite by default).

    .venv/bin/python benchmarks/loadtest.py --prepare-only   # once: benchmarks/load.sqlite3, 20,000 records
    .venv/bin/python benchmarks/feedback.py

The language coach (median over its labelled set, and a 200-character text), 100 record PDFs and
100 DOCX, and the cycle's feedback overview as HR over the whole company (queries beside the same
page on a 20-record cycle, median ms), appended to benchmarks/results.md.
"""

import argparse
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
    parser.add_argument("--documents", type=int, default=100)
    args = parser.parse_args()
    setup_on(args.database)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from perfloop.access.models import HRAssignment
    from perfloop.feedback import coach, documents
    from perfloop.feedback.models import FeedbackRecord
    from perfloop.org.models import Department
    from perfloop.reviews.models import ReviewCycle

    figures = Figures()
    record = figures.record

    from perfloop.feedback import coach_evaluation

    labelled = Path(coach.__file__).parent / "coach_data" / "labelled.tsv"
    texts = [text for _language, _rules, text in coach_evaluation.read(labelled.read_text(encoding="utf-8"))]
    record(
        f"coach, median over the {len(texts)} labelled sentences: ms",
        f"{median_ms_each(coach.check, texts):.3f}",
    )
    long = ("你总是迟交周报，导致部门汇总推迟。" + "10月12日的周报晚交两天，部门汇总因此推迟了一天。" * 8)[
        :200
    ]
    record("coach, a 200-character text: median ms", f"{median_ms(lambda: coach.check(long)):.3f}")

    cycle = ReviewCycle.objects.get(status=ReviewCycle.Status.FEEDBACK)
    total = FeedbackRecord.objects.filter(cycle=cycle).count()
    records = list(
        FeedbackRecord.objects.filter(cycle=cycle)
        .select_related("cycle", "employee__department", "employee__position", "result", "holder")
        .order_by("pk")[: args.documents]
    )
    with translation.override("zh-hans"):
        for kind, render in (("PDF", documents.pdf_bytes), ("DOCX", documents.docx)):
            render(records[0])  # fonts and templates loaded once
            started = time.perf_counter()
            for r in records:
                render(r)
            record(f"{len(records)} record {kind}s: seconds", f"{time.perf_counter() - started:.2f}")

    users = get_user_model().objects
    hr, _ = users.get_or_create(username="bench-feedback-hr")
    company = Department.objects.get(parent=None)
    HRAssignment.objects.get_or_create(user=hr, department=company)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(hr)
    url = f"/feedback/cycles/{cycle.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    record(f"feedback overview, HR over {total} records: queries", len(queries))
    record(
        f"feedback overview, HR over {total} records: median ms", f"{median_ms(lambda: client.get(url)):.1f}"
    )

    figures.append_to_results(
        "Feedback",
        f"`.venv/bin/python benchmarks/feedback.py` on the load benchmark's database ({total} records).",
    )


if __name__ == "__main__":
    main()
