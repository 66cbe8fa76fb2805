"""Lessons 经验沉淀: who sees which (by sharing level and scope), the search in both languages, the
lessons for a new plan's root causes and indicators, and writing one from a closed plan.

Search finds substrings, Chinese ones too, through an index and never a LIKE over the table: on
SQLite the FTS5 trigram table for terms of three characters or more and a table of one- and
two-character pieces for shorter ones (a trigram index cannot find those); on PostgreSQL a
pg_trgm GIN index serves LIKE for every length.
"""

import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils.translation import gettext as _

from perfloop import inputs
from perfloop.access.policy import NOBODY, containing, hr_department_q, roles_for
from perfloop.insights.models import Lesson
from perfloop.plans import rules as plan_rules
from perfloop.plans.models import Plan
from perfloop.reviews.models import RootCause

Sharing = Lesson.Sharing
WORD = re.compile(r"\w+")
MAX_TERMS = 5


def visible_q(user) -> Q:
    """Company lessons for everyone in the loop; a department's for people in it and below; a team's
    for the lead and their subtree; HR sees those of the departments in their scope; authors their own."""
    roles = roles_for(user)
    if not plan_rules.can_use_plans(user):
        return NOBODY
    q = Q(sharing=Sharing.COMPANY) | Q(author=user)
    if roles.employee is not None:
        me = roles.employee
        q |= Q(sharing=Sharing.DEPARTMENT, scope_path__in=containing(me.department.path))
        q |= Q(sharing=Sharing.TEAM, scope_path__in=[*containing(me.manager_path), me.reports_prefix])
        if roles.is_manager:  # the teams below them too
            q |= Q(sharing=Sharing.TEAM, scope_path__startswith=me.reports_prefix)
    hr = hr_department_q(roles, prefix="department__")
    if hr is not None:
        q |= hr
    return q


def visible(user):
    return Lesson.objects.filter(visible_q(user))


def search(lessons, q: str = "", root_cause: str = "", indicator: str = ""):
    """Lessons holding every term of `q` (case-insensitive substrings), of a root cause, an indicator."""
    if root_cause:
        lessons = lessons.filter(root_cause=root_cause)
    if indicator:
        lessons = lessons.filter(indicator=indicator)
    for term in q.lower().split()[:MAX_TERMS]:
        lessons = lessons.filter(_term_q(term))
    return lessons


def _term_q(term: str) -> Q:
    if connection.vendor != "sqlite":
        return Q(search_text__contains=term)
    phrase = '"' + term.replace('"', '""') + '"'
    if len(term) >= 3:
        return Q(
            pk__in=RawSQL(
                "SELECT rowid FROM followup_lesson_fts WHERE followup_lesson_fts MATCH %s", [phrase]
            )
        )
    return Q(
        pk__in=RawSQL(
            "SELECT rowid FROM followup_lesson_grams WHERE followup_lesson_grams MATCH %s", [phrase]
        )
    )


def for_plan(user, plan: Plan, limit: int = 5) -> list[Lesson]:
    """Lessons for the root causes and indicators of the plan's result (what a manager writing it
    may learn from): two queries."""
    if plan.result_id is None:
        return []
    causes = RootCause.objects.filter(result_id=plan.result_id).values_list("cause", "indicator__name")
    roots = {c for c, _n in causes}
    names = {n for _c, n in causes} | {g.source for g in plan.goals.all() if g.source}
    if not roots and not names:
        return []
    return list(
        visible(user)
        .filter(Q(root_cause__in=roots) | Q(indicator__in=names))
        .exclude(plan=plan)
        .only("pk", "title", "root_cause", "indicator", "sharing", "created_at")[:limit]
    )


def grams(text: str) -> str:
    """Every one- and two-character piece of each word, for the short-term index."""
    pieces = set()
    for word in WORD.findall(text):
        pieces.update(word)
        pieces.update(word[i : i + 2] for i in range(len(word) - 1))
    return " ".join(sorted(pieces))


@transaction.atomic
def write(
    *, plan: Plan, by, title: str, done: str, worked: str = "", root_cause: str = "", indicator: str = "",
    tags: str = "", sharing: str = Sharing.TEAM,
) -> Lesson:  # fmt: skip
    """A lesson from a closed plan, by its manager or HR in scope, shared at the level chosen."""
    if not plan_rules.owns(by, plan):
        raise PermissionDenied
    if plan.status not in Plan.FINISHED:
        raise ValidationError(_("A lesson is written from a closed plan."), code="conflict")
    if sharing not in Sharing.values:
        raise ValidationError(_("Choose who the lesson is shared with from the list."), code="invalid")
    if root_cause and root_cause not in RootCause.Cause.values:
        raise ValidationError(_("Choose the root cause from the list."), code="invalid")
    if plan.is_team and sharing == Sharing.TEAM:
        sharing = Sharing.DEPARTMENT  # a team plan's team is its department
    lesson = Lesson(
        plan=plan, title=inputs.text(title, _("Title"), limit=200), done=inputs.text(done, _("What was done")),
        worked=inputs.text(worked, _("What worked"), required=False, limit=inputs.TEXT_LIMIT), root_cause=root_cause,
        indicator=inputs.text(indicator, _("Indicator"), required=False, limit=100),
        tags=inputs.text(tags, _("Tags"), required=False, limit=200), sharing=sharing,
        department=plan.department if plan.is_team else plan.employee.department, author=by,
    )  # fmt: skip
    lesson.scope_path = _scope_path(plan, sharing)
    text = " ".join([lesson.title, lesson.done, lesson.worked, lesson.indicator, lesson.tags]).lower()
    lesson.search_text = text
    lesson.grams = grams(text)
    lesson.save()
    return lesson


def _scope_path(plan: Plan, sharing: str) -> str:
    if plan.is_team:
        return "" if sharing == Sharing.COMPANY else plan.department.path
    employee = plan.employee
    if sharing == Sharing.DEPARTMENT:
        return employee.department.path
    if sharing == Sharing.TEAM:
        # The plan's manager's team: the employee's own manager's subtree, or the employee's line.
        return employee.manager_path or "/"
    return ""
