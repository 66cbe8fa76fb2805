"""The team report's single requests on the load benchmark's organisation (20,000 people, four
cycles, 3,000 plans, 20,000 feedback records), each counted afresh (the figures stamp moved before
every request) and then as kept; query counts are exact. Appended to benchmarks/results.md.

    .venv/bin/python benchmarks/loadtest.py --prepare-only     # builds benchmarks/load.sqlite3
    .venv/bin/python benchmarks/team.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import Figures, median_ms, setup_on  # noqa: E402


def main() -> None:
    setup_on(str(ROOT / "benchmarks" / "load.sqlite3"))
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from perfloop.insights.models import FiguresStamp
    from perfloop.reviews.models import Result

    figures = Figures()
    users = get_user_model().objects
    pages = [
        ("company-wide report", "load-company-hr", "/insights/team/"),
        ("department report", "load-hr", "/insights/team/"),
        ("a manager's report", "load-manager", "/insights/team/"),
        ("department comparison, company-wide", "load-company-hr", "/insights/departments/"),
        ("trends, four cycles, company-wide", "load-company-hr", "/insights/team/trends/?cycles=4"),
        ("company report as XLSX", "load-company-hr", "/insights/team/?format=xlsx"),
        ("company report as PDF", "load-company-hr", "/insights/team/?format=pdf"),
    ]
    counter = iter(range(10**9))

    def afresh(client, url):
        FiguresStamp.objects.filter(pk=1).update(value=next(counter))  # as any write would
        return client.get(url)

    for name, username, url in pages:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(users.get(username=username))
        assert afresh(client, url).status_code == 200
        with CaptureQueriesContext(connection) as queries:
            answer = afresh(client, url)
        figures.record(f"{name}: queries, counted afresh", len(queries))
        figures.record(f"{name}: median ms, counted afresh", f"{median_ms(lambda: afresh(client, url)):.1f}")  # noqa: B023
        if "format" not in url:
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            figures.record(f"{name}: queries, kept", len(queries))
            figures.record(f"{name}: median ms, kept", f"{median_ms(lambda: client.get(url)):.1f}")  # noqa: B023
        figures.record(f"{name}: bytes", len(answer.content))
    cycles = Result.objects.values("cycle_id").distinct().count()
    figures.append_to_results(
        "Team report",
        f"{Result.objects.count()} results over {cycles} cycles; single requests through Django's test client "
        "(`.venv/bin/python benchmarks/team.py` on `loadtest.py --prepare-only`'s database).",
    )


if __name__ == "__main__":
    main()
