"""Imports of a review cycle's data and of templates: parse → check every row → apply all-or-nothing.

One module per kind, each a planner that reads a file and checks it against the database
without writing, and a writer that writes the checked records in bulk: templates
(indicators and weights), results (KPI actuals), ratings (360 reviews), evidence (事例).
"""

from django.db import transaction

from perfloop.documents.imports import ImportRefused
from perfloop.reviews.importing import evidence, ratings, results, templates
from perfloop.reviews.importing.base import ImportPlan, direction_words, kind_words
from perfloop.reviews.importing.columns import COLUMNS

__all__ = ["COLUMNS", "ImportPlan", "apply_import", "direction_words", "kind_words", "plan_import"]

# Each kind: how its file is checked, and how a checked file is written.
KIND_STEPS = {
    "template": (templates.plan_template, templates.write),
    "results": (results.plan_results, results.write),
    "reviews": (ratings.plan_reviews, ratings.write),
    "evidence": (evidence.plan_evidence, evidence.write),
}


def plan_import(kind: str, content: bytes, filename: str, *, cycle=None, user=None) -> ImportPlan:
    planner, _write = KIND_STEPS[kind]
    return planner(content, filename, cycle=cycle, user=user)


@transaction.atomic
def apply_import(kind: str, content: bytes, filename: str, *, cycle=None, user=None) -> ImportPlan:
    """Check again and write everything, or nothing when any row is wrong."""
    planner, write = KIND_STEPS[kind]
    plan = planner(content, filename, cycle=cycle, user=user)
    if not plan.ok:
        raise ImportRefused(plan)
    write(plan, user)
    return plan
