"""Team figures are kept until what they count changes: the figures stamp's triggers exist on every
table a report counts, and a committed write to any of them makes the next report count again."""

import importlib

import pytest
from django.db import connection

from perfloop.insights.team import figures, scope, stored
from tests.feedback.factories import FeedbackRecordFactory
from tests.reviews.factories import ResultFactory, ReviewCycleFactory

stamp_migration = importlib.import_module("perfloop.insights.migrations.0003_figures_stamp")
# The tables a dossier's basis reads besides (kept under the same stamp: careers/basis.py).
careers_migrations = [
    importlib.import_module(f"perfloop.careers.migrations.{name}")
    for name in ("0002_figures_stamp", "0004_indicator_stamp")
]


def test_every_table_a_report_counts_has_its_trigger(db):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'figures_stamp_%'"
            )
        else:
            cursor.execute("SELECT tgrelid::regclass::text FROM pg_trigger WHERE tgname = 'figures_stamp'")
        tables = [row[0] for row in cursor.fetchall()]
    per_table = 3 if connection.vendor == "sqlite" else 1
    stamped = stamp_migration.TABLES + [t for m in careers_migrations for t in m.TABLES]
    assert sorted(tables) == sorted(t for t in stamped for _ in range(per_table))


@pytest.mark.django_db(transaction=True)
def test_a_report_is_counted_again_once_a_write_it_counts_is_committed(org):
    cycle = ReviewCycleFactory(status="feedback")
    results = [
        ResultFactory(cycle=cycle, employee=person) for person in (org.employee, org.lead, org.manager)
    ]
    hr = org.user("hr_in_scope")
    chosen = scope.scope_for(hr, org.rd.pk)
    first = figures.report(hr, chosen, cycle)
    assert figures.report(hr, chosen, cycle) is first  # kept: nothing it counts changed
    before = stored.current()
    FeedbackRecordFactory(result=results[0], status="held")
    assert stored.current() != before
    again = figures.report(hr, chosen, cycle)
    assert again is not first and again.conversations["held"] == 1
