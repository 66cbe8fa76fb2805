"""Read queries of online reviews, already scoped to the user. Lists are cut in the database and
figures come from one aggregate per section, whatever the size of the round."""

from collections import defaultdict

from django.db import connection
from django.db.models import Count, Q
from django.utils import timezone

from perfloop.access.policy import people_q, rights_key, roles_for
from perfloop.org.models import Employee
from perfloop.org.selectors import search_q
from perfloop.reviews import anchors
from perfloop.reviews.models import Indicator, Relation
from perfloop.rounds import rules
from perfloop.rounds.models import Nomination, Privacy, ReviewForm, ReviewRound

PAGE = 50
SUBMITTED = Q(status=ReviewForm.Status.SUBMITTED)


def rounds_for(user):
    """Rounds a user follows: HR all, managers those with their line in them (all: few rounds)."""
    if not rules.can_follow(user):
        return ReviewRound.objects.none()
    return ReviewRound.objects.select_related("cycle", "department").order_by("-opens_on", "-pk")


def round_for(user, pk: int) -> ReviewRound | None:
    return ReviewRound.objects.select_related("cycle", "department").filter(pk=pk).first()


def proposing(user) -> list[ReviewRound]:
    """Open rounds where the user proposes their own reviewers."""
    roles = roles_for(user)
    if roles.employee is None:
        return []
    return list(
        ReviewRound.objects.filter(
            status=ReviewRound.Status.OPEN, nominated_by="employee",
            pk__in=ReviewForm.objects.filter(employee=roles.employee, relation=Relation.SELF).values("round_id"),
        ).select_related("cycle")[:5]
    )  # fmt: skip


def competency_counts(template_ids) -> dict[int, int]:
    return dict(
        Indicator.objects.filter(template_id__in=set(template_ids), kind=Indicator.Kind.COMPETENCY)
        .values_list("template_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


def inbox(user, *, page: int = 1) -> tuple[list[dict], bool]:
    """The reviews a user owes (and those they submitted) in open rounds: the nearest deadline
    first, then what is still to do."""
    roles = roles_for(user)
    if roles.employee is None:
        return [], False
    forms = list(
        ReviewForm.objects.filter(reviewer=roles.employee, round__status=ReviewRound.Status.OPEN)
        .select_related("employee__department", "round__cycle")
        .only(
            "id", "relation", "status", "answered", "template_id", "employee__name", "employee__employee_no",
            "employee__department__name", "round__deadline", "round__opens_on", "round__cycle__name",
        )
        .order_by("round__deadline", "-status", "employee__employee_no")[(page - 1) * PAGE : page * PAGE + 1]
    )  # fmt: skip
    more = len(forms) > PAGE
    forms = forms[:PAGE]
    totals = competency_counts(f.template_id for f in forms)
    today = timezone.localdate()
    return [
        {
            "form": f,
            "total": totals.get(f.template_id, 0),
            "late": f.round.deadline < today and not f.submitted,
            "not_yet": f.round.opens_on > today,
        }
        for f in forms
    ], more


def competencies(template_id: int) -> list[Indicator]:
    """What a form of this template asks, in the template's order."""
    return list(
        Indicator.objects.filter(template_id=template_id, kind=Indicator.Kind.COMPETENCY).order_by(
            "order", "pk"
        )
    )


def form_page(form: ReviewForm) -> list[dict]:
    """Each competency of the form with its levels and the answer so far."""
    return [
        {
            "indicator": ind,
            "levels": anchors.levels(ind.anchors),
            "rating": (form.answers.get(str(ind.pk)) or {}).get("rating"),
            "comment": (form.answers.get(str(ind.pk)) or {}).get("comment", ""),
        }
        for ind in competencies(form.template_id)
    ]


def form_for(user, pk: int) -> ReviewForm | None:
    form = (
        ReviewForm.objects.select_related("round__cycle", "employee__department", "reviewer", "template")
        .filter(pk=pk)
        .first()
    )
    if form is None or not rules.can_read_form(user, form):
        return None
    return form


# ---- progress ------------------------------------------------------------------------------------


def _scoped(user, round: ReviewRound):
    """The round's forms about people the user's rights reach (HR's scope, a manager's line)."""
    return ReviewForm.objects.filter(round=round).filter(people_q(user, via="employee__"))


_KEPT: dict[tuple, dict] = {}
_MOST_KEPT = 500


def progress(user, round: ReviewRound, *, section: str = "department", page: int = 1) -> dict:
    """Completion overall and by department, reviewer or reviewed person (one aggregate each);
    after the deadline every form not submitted is late. Kept per process under the round's
    version (moved by every submission, reopening, reviewer added or removed), the reader's
    rights and the day: HR's page over 100,000 forms is counted once per change, not per view."""
    reach = rights_key(user)
    if reach is None or connection.in_atomic_block:
        return _progress(user, round, section=section, page=page)
    key = (
        connection.alias,
        round.pk,
        round.version,
        round.status,
        reach,
        timezone.localdate(),
        section,
        page,
    )
    if key not in _KEPT:
        if len(_KEPT) >= _MOST_KEPT:
            _KEPT.clear()
        _KEPT[key] = _progress(user, round, section=section, page=page)
    return _KEPT[key]


def _progress(user, round: ReviewRound, *, section: str, page: int) -> dict:
    forms = _scoped(user, round)
    overall = forms.aggregate(total=Count("pk"), submitted=Count("pk", filter=SUBMITTED))
    overall["open"] = overall["total"] - overall["submitted"]
    late = round.deadline < timezone.localdate()
    group = {
        "department": ("employee__department_id", "employee__department__name", "employee__department__path"),
        "reviewer": ("reviewer_id", "reviewer__name", "reviewer__employee_no"),
        "person": ("employee_id", "employee__name", "employee__employee_no"),
    }[section]
    order = ("employee__department__path",) if section == "department" else ("-open", group[2])
    rows = list(
        forms.values(*group)
        .annotate(total=Count("pk"), submitted=Count("pk", filter=SUBMITTED))
        .annotate(open=Count("pk", filter=~SUBMITTED))
        .order_by(*order)[(page - 1) * PAGE : page * PAGE + 1]
    )
    more = len(rows) > PAGE
    rows = [
        {
            "id": r[group[0]], "name": r[group[1]], "key": r[group[2]], "total": r["total"],
            "submitted": r["submitted"], "open": r["open"], "late": r["open"] if late else 0,
            "share": round_share(r["submitted"], r["total"]),
        }
        for r in rows[:PAGE]
    ]  # fmt: skip
    return {"overall": overall, "rows": rows, "more": more, "late": late, "section": section,
            "share": round_share(overall["submitted"], overall["total"])}  # fmt: skip


def round_share(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


# ---- nominations -------------------------------------------------------------------------------


def nominations_of(round: ReviewRound, employee) -> list[Nomination]:
    return list(
        Nomination.objects.filter(round=round, employee=employee)
        .exclude(status=Nomination.Status.REMOVED)
        .select_related("reviewer__department")
    )


def loads(round: ReviewRound, reviewer_ids) -> dict[int, int]:
    """How many reviews the round asks of each reviewer (self-assessments aside): one aggregate."""
    return dict(
        ReviewForm.objects.filter(round=round, reviewer_id__in=set(reviewer_ids))
        .exclude(relation=Relation.SELF)
        .values_list("reviewer_id")
        .annotate(n=Count("pk"))
        .order_by()
    )


def line_to_decide(user, round: ReviewRound, *, page: int = 1) -> tuple[list[dict], bool]:
    """The people whose reviewers the user decides, with their proposed and approved counts."""
    people = (
        Employee.objects.filter(people_q(user))
        .filter(pk__in=ReviewForm.objects.filter(round=round).values("employee_id"))
        .order_by("employee_no")
        .only("id", "name", "employee_no")[(page - 1) * PAGE : page * PAGE + 1]
    )
    people = list(people)
    more = len(people) > PAGE
    people = people[:PAGE]
    counts = defaultdict(lambda: {"proposed": 0, "approved": 0})
    for employee_id, status, n in (
        Nomination.objects.filter(round=round, employee__in=people)
        .exclude(status=Nomination.Status.REMOVED)
        .values_list("employee_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        counts[employee_id][status] = n
    return [{"employee": p, **counts[p.pk]} for p in people], more


def attributed_reviewers(cycle_id: int, employee_id: int) -> list[int]:
    """Who reviewed the person in an attributed round of the cycle, and submitted: the names the
    person and their manager read beside those comments."""
    return list(
        ReviewForm.objects.filter(
            round__cycle_id=cycle_id, round__privacy=Privacy.ATTRIBUTED, employee_id=employee_id,
            status=ReviewForm.Status.SUBMITTED,
        ).values_list("reviewer_id", flat=True)
    )  # fmt: skip


def colleagues(*, q: str, exclude: int | None = None):
    """Colleagues to propose: active people of the organisation found by name or number."""
    found = Employee.objects.filter(status=Employee.Status.ACTIVE).filter(search_q(q, position=False))
    if exclude:
        found = found.exclude(pk=exclude)
    return found.select_related("department").order_by("employee_no")[:10]


def career_wishes(employee) -> list[tuple[int, int, str]]:
    """(form id, position, text) of the career wishes 职业发展 in the person's latest submitted
    self-assessment: what a development plan may start from."""
    form = (
        ReviewForm.objects.filter(
            employee=employee, relation=Relation.SELF, status=ReviewForm.Status.SUBMITTED
        )
        .only("pk", "requests")
        .order_by("-submitted_at", "-pk")
        .first()
    )
    if form is None:
        return []
    return [
        (form.pk, n, str(r.get("text", ""))[:1000])
        for n, r in enumerate(form.requests or [])
        if r.get("kind") == "career" and str(r.get("text", "")).strip()
    ]
