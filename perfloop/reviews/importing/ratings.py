"""360° ratings of a cycle (360度评价)."""

from django.utils.translation import gettext as _

from perfloop.documents.imports import text
from perfloop.reviews.importing.base import RELATION_WORDS, ImportPlan, decimal_cell, start
from perfloop.reviews.models import Indicator, Relation, Review360
from perfloop.reviews.services import write_ratings


def plan_reviews(content, filename, *, cycle, user=None) -> ImportPlan:
    plan, rows, people = start("reviews", content, filename, cycle, user)
    seen: dict[tuple, int] = {}
    existing = set(
        Review360.objects.filter(cycle=cycle).values_list("employee_id", "reviewer_id", "indicator_id")
    )
    for row in rows:
        v, line = row.values, row.line
        if v["rating"] is None and not text(v.get("comment")):
            plan.blank += 1
            continue
        before = len(plan.errors)
        number, reviewer_no = text(v["employee_no"]), text(v["reviewer_no"])
        person = people.find(plan, line, number)
        reviewer = people.find(plan, line, reviewer_no, role="reviewer") if reviewer_no else None
        if not reviewer_no:
            plan.error(line, _("Reviewer's employee number is missing."))
        relation = RELATION_WORDS.get(text(v["relation"]).lower())
        if relation is None:
            plan.error(
                line,
                _(
                    "Relation “%(value)s” is unknown; use self, manager, peer, subordinate or customer "
                    "(自评, 上级, 同事, 下属, 客户)."
                )
                % {"value": text(v["relation"])},
            )
        elif (
            person is not None
            and reviewer is not None
            and (relation == Relation.SELF) != (person[0] == reviewer[0])
        ):
            plan.error(
                line, _("A self review must have the employee as reviewer, and only a self review may.")
            )
        name = text(v["indicator"])
        indicator = None
        if not name:
            plan.error(line, _("Indicator is missing."))
        elif person is not None:
            indicator = people.indicator(plan, line, person[1], name, number, Indicator.Kind.COMPETENCY)
        rating = decimal_cell(plan, line, v["rating"], _("Rating")) if v["rating"] is not None else None
        if v["rating"] is None:
            plan.error(line, _("Rating is missing."))
        elif rating is not None and (rating != rating.to_integral_value() or not 1 <= rating <= 5):
            plan.error(
                line, _("Rating %(value)s must be a whole number from 1 to 5.") % {"value": v["rating"]}
            )
        if len(plan.errors) == before:
            key = (person[0], reviewer[0], indicator.pk)
            if key in seen:
                plan.error(
                    line,
                    _("%(reviewer)s has already rated %(no)s on %(name)s on line %(other)d.")
                    % {"reviewer": reviewer_no, "no": number, "name": name, "other": seen[key]},
                )
                continue
            seen[key] = line
            plan.add(
                {
                    "cycle": cycle.pk,
                    "employee": person[0],
                    "reviewer": reviewer[0],
                    "indicator": indicator.pk,
                    "relation": relation,
                    "rating": int(rating),
                    "comment": text(v.get("comment")),
                },
                exists=key in existing,
            )
    return plan


def write(plan: ImportPlan, user) -> None:
    write_ratings(plan.records, Review360.Source.IMPORT)
