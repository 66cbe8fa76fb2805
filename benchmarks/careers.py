"""Career development on the load benchmark's 20,000-person organisation (SQLite by default).

    .venv/bin/python benchmarks/loadtest.py --prepare-only   # once: benchmarks/load.sqlite3
    .venv/bin/python benchmarks/careers.py

Puts a training need behind one person in five (a shortfall put down to lacking skills, in bulk)
and a training budget on each improvement plan, then times, as company-wide HR: the training needs
page and its API (queries, median ms); as HR of the department: a promotion dossier of someone with
four quarters of results, its API answer and its DOCX and PDF. Appended to benchmarks/results.md.
Run again, it starts over: the benchmark's root causes, budgets and dossiers are removed first.
"""

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.run import Figures, median_ms, setup_on  # noqa: E402

NOTE = "bench-careers"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default=str(ROOT / "benchmarks" / "load.sqlite3"))
    args = parser.parse_args()
    setup_on(args.database)
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from perfloop.careers import dossiers
    from perfloop.careers.models import Dossier
    from perfloop.org.models import Employee, Position
    from perfloop.plans.models import Plan, Support
    from perfloop.reviews.models import Indicator, Result, ReviewCycle, RootCause

    users = get_user_model().objects
    company_hr, hr = users.get(username="load-company-hr"), users.get(username="load-hr")
    RootCause.objects.filter(note=NOTE).delete()
    Support.objects.filter(text=NOTE).delete()
    Dossier.objects.all().delete()
    cycle = ReviewCycle.objects.filter(status=ReviewCycle.Status.FEEDBACK).order_by("-end_date").first()
    template_id = Result.objects.filter(cycle=cycle).values_list("template_id", flat=True).first()
    indicators = list(Indicator.objects.filter(template_id=template_id))
    rng = random.Random(7)
    results = list(Result.objects.filter(cycle=cycle).values_list("pk", flat=True))
    RootCause.objects.bulk_create(
        (RootCause(result_id=pk, indicator=rng.choice(indicators), cause="skills", note=NOTE, by=hr)
         for pk in rng.sample(results, len(results) // 5)),
        batch_size=5000,
    )  # fmt: skip
    Support.objects.bulk_create(
        (Support(plan_id=pk, kind="budget", text=NOTE, amount=rng.choice([800, 1500, 3000]), owner_name="HR",
                 status=rng.choice(["open", "open", "done"]))
         for pk in Plan.objects.filter(status="active").values_list("pk", flat=True)),
        batch_size=5000,
    )  # fmt: skip
    person = (
        Employee.objects.filter(review_results__cycle=cycle, department__path__startswith=_hr_path(hr))
        .select_related("department", "position")
        .order_by("pk")
        .first()
    )
    dossier = dossiers.open_dossier(by=hr, employee=person, kind="promotion",
                                    position=Position.objects.exclude(pk=person.position_id).first())  # fmt: skip

    figures = Figures()
    people = Employee.objects.count()

    def timed(user, url, what):
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        client.get(url)  # warm: the viewer's rights, the templates
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        figures.record(f"{what}: queries", len(queries))
        figures.record(f"{what}: median ms", round(median_ms(lambda: client.get(url)), 1))

    # Computed again, as after any write it counts (the pages then read it from memory until the next).
    from perfloop.careers import basis
    from perfloop.training import needs

    lines = needs.needs(company_hr)
    figures.record(f"training needs roll-up computed: lines over {people:,} people", len(lines))
    with CaptureQueriesContext(connection) as queries:
        needs.needs(company_hr)
    figures.record("training needs roll-up computed: queries", len(queries))
    figures.record(
        "training needs roll-up computed: median ms", round(median_ms(lambda: needs.needs(company_hr)), 1)
    )
    figures.record("dossier basis computed: median ms", round(median_ms(lambda: basis.basis(person)), 1))
    timed(company_hr, "/training/", f"training needs page, company-wide HR over {people:,} people")
    timed(company_hr, "/api/v1/training/needs", "training needs API, company-wide HR")
    timed(hr, f"/careers/{dossier.pk}/", "dossier page (four quarters), HR in scope")
    timed(hr, f"/api/v1/dossiers/{dossier.pk}", "dossier API, HR in scope")
    timed(hr, f"/careers/{dossier.pk}/document/?format=docx", "dossier DOCX")
    timed(hr, f"/careers/{dossier.pk}/document/?format=pdf", "dossier PDF")
    figures.append_to_results(
        "Career development",
        f"`.venv/bin/python benchmarks/careers.py` — {people:,} employees, {connection.vendor}",
    )


def _hr_path(user) -> str:
    from perfloop.access.models import HRAssignment

    return HRAssignment.objects.filter(user=user).select_related("department").first().department.path


if __name__ == "__main__":
    main()
