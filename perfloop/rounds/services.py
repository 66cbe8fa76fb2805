"""The writes of online reviews: open a round with its forms, nominate and decide, save and submit
a form, reopen one, close the round (its submitted ratings then reach scoring). Each checks its own
permission and state; a write that finds the state changed under it answers a conflict (409)."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from perfloop.access.policy import is_self
from perfloop.bulk import upsert
from perfloop.feedback.models import FeedbackRequest
from perfloop.inputs import text
from perfloop.org.models import Employee
from perfloop.reviews import services as reviews
from perfloop.reviews.models import Indicator, Relation, ReviewCycle
from perfloop.reviews.selectors import people_in
from perfloop.reviews.services import TemplateResolver
from perfloop.rounds import events, rules, selectors
from perfloop.rounds.models import (
    NOMINATED,
    RELATIONS,
    Nomination,
    Nominator,
    Privacy,
    ReviewForm,
    ReviewRound,
)

Status = ReviewCycle.Status
REQUEST_KINDS = FeedbackRequest.Kind.values  # the same 诉求 as the conversation records
MAX_ACHIEVEMENTS = 10
MAX_REQUESTS = 10


def conflict(message: str) -> ValidationError:
    return ValidationError(message, code="conflict")


def _lock_round(round: ReviewRound) -> ReviewRound:
    round.refresh_from_db(from_queryset=ReviewRound.objects.select_for_update(of=("self",)))
    return round


def _moved(round_id: int) -> None:
    """Progress changed: the figures kept under the round's version are counted again."""
    ReviewRound.objects.filter(pk=round_id).update(version=F("version") + 1)


def _require_open(round: ReviewRound) -> None:
    if not round.is_open:
        raise conflict(_("The review round is closed."))


# ---- the round ---------------------------------------------------------------------------------


@transaction.atomic
def open_round(
    *,
    by,
    cycle: ReviewCycle,
    department=None,
    relations: list[str],
    opens_on: dt.date,
    deadline: dt.date,
    peers_min: int = 3,
    peers_max: int = 6,
    nominated_by: str = Nominator.EMPLOYEE,
    reviewer_cap: int = 8,
    privacy: str = Privacy.CONFIDENTIAL,
) -> ReviewRound:
    """A round over the cycle's people (in `department` and below, or all), with the forms that
    follow the reporting line written at once: each person's self-assessment, their manager's form,
    and each report's form about their manager. Peers and customers come by nomination."""
    if not rules.can_open_round(by, department):
        raise PermissionDenied
    errors = {}
    relations = [r for r in RELATIONS if r in set(relations)]
    if not relations:
        errors["relations"] = _("Choose at least one relation.")
    if deadline < opens_on:
        errors["deadline"] = _("The deadline cannot be before the round opens.")
    if peers_max < peers_min:
        errors["peers_max"] = _("The most peers cannot be fewer than the fewest.")
    if errors:
        raise ValidationError(errors)
    # Rounds of one cycle take turns on its row: two may not cover the same people.
    cycle = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status not in (Status.DRAFT, Status.OPEN):
        raise conflict(_("A review round is opened while its cycle is draft or open."))
    path = department.path if department is not None else ""
    for other in ReviewRound.objects.filter(cycle=cycle).select_related("department"):
        other_path = other.department.path if other.department_id else ""
        if other_path.startswith(path) or path.startswith(other_path):
            raise conflict(
                _("%(cycle)s already has a review round covering these people (%(round)s).")
                % {"cycle": cycle.name, "round": other}
            )
    round = ReviewRound.objects.create(
        cycle=cycle, department=department, relations=relations, opens_on=opens_on, deadline=deadline,
        peers_min=peers_min, peers_max=peers_max, nominated_by=nominated_by, reviewer_cap=reviewer_cap,
        privacy=privacy, created_by=by,
    )  # fmt: skip
    _write_line_forms(round)
    return round


def _form_row(round, employee_id, reviewer_id, relation, template_id, now) -> dict:
    return {
        "round": round.pk, "employee": employee_id, "reviewer": reviewer_id, "relation": relation,
        "template": template_id, "status": ReviewForm.Status.OPEN, "answers": {}, "answered": 0,
        "overall": "", "achievements": [], "difficulties": "", "requests": [], "updated_at": now,
        "submitted_at": None, "reopened_reason": "",
    }  # fmt: skip


FORM_FIELDS = ["relation", "template", "status", "answers", "answered", "overall", "achievements",
               "difficulties", "requests", "updated_at", "submitted_at", "reopened_reason"]  # fmt: skip


def _write_line_forms(round: ReviewRound) -> int:
    people = people_in(round.cycle)
    if round.department_id:
        people = people.filter(department__path__under=round.department.path)
    resolver = TemplateResolver()
    template_of = {}
    managers = {}
    for pk, position_id, department_id, manager_id in people.values_list(
        "pk", "position_id", "department_id", "manager_id"
    ).order_by():
        template_id = resolver.template_id(position_id, department_id)
        if template_id is not None:
            template_of[pk] = template_id
            managers[pk] = manager_id
    active = set(
        Employee.objects.filter(
            pk__in=set(managers.values()) - {None}, status=Employee.Status.ACTIVE
        ).values_list("pk", flat=True)
    )
    now = timezone.now()
    rows = []
    wanted = set(round.relations)
    for pk, template_id in template_of.items():
        manager_id = managers[pk]
        if Relation.SELF in wanted:
            rows.append(_form_row(round, pk, pk, Relation.SELF, template_id, now))
        if Relation.MANAGER in wanted and manager_id in active:
            rows.append(_form_row(round, pk, manager_id, Relation.MANAGER, template_id, now))
        # A report reviews their manager when the manager is reviewed in this round too.
        if Relation.SUBORDINATE in wanted and manager_id in template_of:
            rows.append(_form_row(round, manager_id, pk, Relation.SUBORDINATE, template_of[manager_id], now))
    upsert(ReviewForm, rows, unique=["round", "employee", "reviewer"], update=FORM_FIELDS)
    return len(rows)


@transaction.atomic
def close(*, round: ReviewRound, by=None) -> int:
    """Close the round: the ratings of its submitted forms reach the cycle's scoring as online
    ratings, the self-assessments' achievements become self-reported evidence. A form not submitted
    counts as missing, never as zero. `by` None: the deadline passed as the cycle is scored."""
    if by is not None and not rules.can_oversee(by, round):
        raise PermissionDenied
    _lock_round(round)
    _require_open(round)
    ratings, evidence = [], []
    competencies = set(Indicator.objects.filter(kind=Indicator.Kind.COMPETENCY).values_list("pk", flat=True))
    for form in ReviewForm.objects.filter(round=round, status=ReviewForm.Status.SUBMITTED).iterator(2000):
        for key, answer in form.answers.items():
            if answer.get("rating") and int(key) in competencies:
                ratings.append({
                    "employee": form.employee_id, "reviewer": form.reviewer_id, "indicator": int(key),
                    "relation": form.relation, "rating": int(answer["rating"]),
                    "comment": answer.get("comment", ""),
                })  # fmt: skip
        for item in form.achievements if form.is_self else ():
            evidence.append({
                "employee_id": form.employee_id, "date": dt.date.fromisoformat(item["date"]),
                "kind": "positive", "what": item["what"], "impact": item.get("impact", ""),
                "source": _("Self-assessment"),
            })  # fmt: skip
    reviews.record_online_ratings(cycle=round.cycle, ratings=ratings, evidence=evidence)
    round.status = ReviewRound.Status.CLOSED
    round.closed_at = timezone.now()
    round.closed_by = by
    round.save(update_fields=["status", "closed_at", "closed_by"])
    return len(ratings)


def close_due(cycle: ReviewCycle) -> None:
    """Before the cycle is scored: rounds whose deadline has passed close, so that what was
    submitted counts (those still before their deadline wait for it, or for HR)."""
    today = timezone.localdate()
    for round in ReviewRound.objects.filter(cycle=cycle, status=ReviewRound.Status.OPEN, deadline__lt=today):
        close(round=round)


# ---- nominations -------------------------------------------------------------------------------


def load(round: ReviewRound, reviewer_id: int) -> int:
    """How many reviews the round asks of a reviewer (their self-assessment aside)."""
    return selectors.loads(round, [reviewer_id]).get(reviewer_id, 0)


def _check_reviewer(round, employee, reviewer, relation) -> None:
    if relation not in NOMINATED or relation not in round.relations:
        raise ValidationError({"relation": _("This round does not collect that relation.")})
    if reviewer.pk == employee.pk:
        raise ValidationError(
            {"reviewer": _("Nobody reviews themself as a peer: that is the self-assessment.")}
        )
    if reviewer.status != Employee.Status.ACTIVE:
        raise ValidationError(
            {"reviewer": _("%(name)s has left the organisation.") % {"name": reviewer.name}}
        )
    if employee.manager_id == reviewer.pk:
        raise ValidationError(
            {
                "reviewer": _("%(name)s is the manager: their rating is the manager's, not a peer's.")
                % {"name": reviewer.name}
            }
        )
    if reviewer.manager_id == employee.pk and Relation.SUBORDINATE in round.relations:
        raise ValidationError(
            {"reviewer": _("%(name)s reports to %(employee)s: their rating is a subordinate's, not a peer's.")
             % {"name": reviewer.name, "employee": employee.name}}
        )  # fmt: skip


@transaction.atomic
def nominate(
    *, round: ReviewRound, employee: Employee, reviewer: Employee, by, relation: str = Relation.PEER
) -> Nomination:
    """The employee proposes a reviewer (to be approved); a manager or HR adding one approves it at
    once, within the reviewer's cap (HR may go over it)."""
    if not rules.can_propose(by, round, employee):
        raise PermissionDenied
    _lock_round(round)
    _require_open(round)
    _check_reviewer(round, employee, reviewer, relation)
    if ReviewForm.objects.filter(round=round, employee=employee, reviewer=reviewer).exists():
        raise conflict(
            _("%(name)s already reviews %(employee)s in this round.")
            % {"name": reviewer.name, "employee": employee.name}
        )
    existing = Nomination.objects.filter(round=round, employee=employee, reviewer=reviewer).first()
    if existing is not None and existing.status != Nomination.Status.REMOVED:
        raise conflict(_("%(name)s is already nominated.") % {"name": reviewer.name})
    named = Nomination.objects.filter(round=round, employee=employee).exclude(
        status=Nomination.Status.REMOVED
    )
    own = is_self(by, employee)
    if own and named.count() >= round.peers_max:
        raise ValidationError(
            {"reviewer": _("You may propose at most %(n)s reviewers.") % {"n": round.peers_max}}
        )
    nomination = existing or Nomination(round=round, employee=employee, reviewer=reviewer)
    nomination.relation = relation
    nomination.proposed_by = by
    nomination.status = Nomination.Status.PROPOSED
    nomination.decided_by = nomination.decided_at = None
    nomination.save()
    if not own:
        _approve(nomination, by)
    else:
        events.nominations_waiting(round.pk, employee.pk)
    return nomination


def _approve(nomination: Nomination, by) -> None:
    round = nomination.round
    if load(round, nomination.reviewer_id) >= round.reviewer_cap and not rules.can_oversee(by, round):
        raise conflict(
            _("%(name)s is already asked for %(n)s reviews, the round's cap; HR may approve more.")
            % {"name": nomination.reviewer.name, "n": round.reviewer_cap}
        )
    template_id = TemplateResolver().template_id(
        nomination.employee.position_id, nomination.employee.department_id
    )
    if template_id is None:
        raise ValidationError(_("%(name)s has no review template.") % {"name": nomination.employee.name})
    nomination.status = Nomination.Status.APPROVED
    nomination.decided_by = by
    nomination.decided_at = timezone.now()
    nomination.save(update_fields=["status", "decided_by", "decided_at"])
    try:
        with transaction.atomic():
            ReviewForm.objects.create(
                round=round, employee_id=nomination.employee_id, reviewer_id=nomination.reviewer_id,
                relation=nomination.relation, template_id=template_id,
            )  # fmt: skip
    except IntegrityError:
        raise conflict(
            _("%(name)s already reviews this person in this round.") % {"name": nomination.reviewer.name}
        ) from None
    _moved(round.pk)
    events.form_assigned(nomination.reviewer_id, round.pk)


@transaction.atomic
def decide(*, nomination: Nomination, approve: bool, by) -> Nomination:
    """A manager (or HR) approves a proposed reviewer or removes one; a removed reviewer's form
    goes with them unless it was submitted."""
    if not rules.can_decide(by, nomination.employee):
        raise PermissionDenied
    round = _lock_round(nomination.round)
    _require_open(round)
    nomination.refresh_from_db()
    if approve:
        if nomination.status != Nomination.Status.PROPOSED:
            raise conflict(_("This nomination was already decided."))
        _approve(nomination, by)
        return nomination
    if nomination.status == Nomination.Status.REMOVED:
        raise conflict(_("This nomination was already removed."))
    form = ReviewForm.objects.filter(
        round=round, employee_id=nomination.employee_id, reviewer_id=nomination.reviewer_id
    ).first()
    if form is not None and form.submitted:
        raise conflict(_("The review was already submitted; HR may reopen it first."))
    if form is not None:
        form.delete()
        _moved(round.pk)
    nomination.status = Nomination.Status.REMOVED
    nomination.decided_by = by
    nomination.decided_at = timezone.now()
    nomination.save(update_fields=["status", "decided_by", "decided_at"])
    return nomination


# ---- forms ---------------------------------------------------------------------------------------


def _lock_form(form: ReviewForm, *, round_first: bool = False) -> ReviewForm:
    """Read the form again under a row lock. A write whose outcome the round's closing must see
    (a submission, a reopening) takes the round's row first, as closing does: a submission either
    lands before the round closes (and counts) or finds it closed, never in between. Locks are taken
    round, then form, everywhere."""
    if round_first:
        _lock_round(form.round)
    form.refresh_from_db(
        from_queryset=ReviewForm.objects.select_for_update(of=("self",)).select_related("round")
    )
    return form


def _clean(form: ReviewForm, data: dict, *, final: bool) -> dict:
    """The form's fields from what was typed, checked; on submission every competency needs a rating."""
    errors = {}
    answers = {}
    for ind in selectors.competencies(form.template_id):
        key = str(ind.pk)
        given = (data.get("answers") or {}).get(key) or {}
        rating = given.get("rating")
        if rating in ("", None):
            rating = None
        else:
            try:
                rating = int(rating)
            except (TypeError, ValueError):
                rating = 0
            if not 1 <= rating <= 5:
                errors[f"rating_{key}"] = _("A rating is a whole number from 1 to 5.")
                rating = None
        try:
            comment = text(given.get("comment"), ind.name, required=False)
        except ValidationError as e:
            errors[f"comment_{key}"] = e.messages[0]
            comment = ""
        if final and rating is None and f"rating_{key}" not in errors:
            errors[f"rating_{key}"] = _("Rate %(name)s before submitting.") % {"name": ind.name}
        answers[key] = {"rating": rating, "comment": comment}
    cleaned = {"answers": answers}
    for field, label in (("overall", _("Overall comment")), ("difficulties", _("Difficulties met"))):
        try:
            cleaned[field] = text(data.get(field), label, required=False, limit=4000)
        except ValidationError as e:
            errors[field] = e.messages[0]
    if form.is_self:
        cleaned["achievements"] = _achievements(data.get("achievements") or [], errors)
        cleaned["requests"] = _requests(data.get("requests") or [], errors)
    else:
        cleaned["difficulties"] = ""
        cleaned["achievements"] = cleaned["requests"] = []
    if errors:
        raise ValidationError(errors)
    return cleaned


def _achievements(items, errors) -> list[dict]:
    kept = []
    for n, item in enumerate(items[: MAX_ACHIEVEMENTS + 1], start=1):
        what = str(item.get("what") or "").strip()
        if not what:
            continue
        if n > MAX_ACHIEVEMENTS:
            errors["achievements"] = _("At most %(n)s achievements.") % {"n": MAX_ACHIEVEMENTS}
            break
        try:
            date = dt.date.fromisoformat(str(item.get("date") or ""))
        except ValueError:
            errors[f"achievement_{n}"] = _("Achievement %(n)s needs a date (YYYY-MM-DD).") % {"n": n}
            continue
        try:
            kept.append({
                "what": text(what, _("Achievement"), limit=1000),
                "impact": text(str(item.get("impact") or ""), _("Its effect"), required=False, limit=1000),
                "date": date.isoformat(),
            })  # fmt: skip
        except ValidationError as e:
            errors[f"achievement_{n}"] = e.messages[0]
    return kept


def _requests(items, errors) -> list[dict]:
    kept = []
    for n, item in enumerate(items[: MAX_REQUESTS + 1], start=1):
        said = str(item.get("text") or "").strip()
        if not said:
            continue
        if n > MAX_REQUESTS:
            errors["requests"] = _("At most %(n)s requests.") % {"n": MAX_REQUESTS}
            break
        kind = item.get("kind") or "other"
        if kind not in REQUEST_KINDS:
            errors[f"request_{n}"] = _("Request %(n)s has an unknown kind.") % {"n": n}
            continue
        try:
            kept.append({"kind": kind, "text": text(said, _("Request"), limit=1000)})
        except ValidationError as e:
            errors[f"request_{n}"] = e.messages[0]
    return kept


@transaction.atomic
def save(*, form: ReviewForm, data: dict, by, submit: bool = False) -> ReviewForm:
    """Keep what the reviewer typed (a draft), or submit it: once, with every competency rated."""
    if not rules.is_reviewer(by, form):
        raise PermissionDenied
    _lock_form(form, round_first=submit)
    _require_open(form.round)
    if form.round.opens_on > timezone.localdate():
        raise conflict(_("The review round opens on %(date)s.") % {"date": form.round.opens_on.isoformat()})
    if form.submitted:
        raise conflict(_("This review was already submitted."))
    cleaned = _clean(form, data, final=submit)
    for field, value in cleaned.items():
        setattr(form, field, value)
    form.answered = sum(1 for a in cleaned["answers"].values() if a["rating"])
    form.status = ReviewForm.Status.SUBMITTED if submit else ReviewForm.Status.DRAFT
    form.submitted_at = timezone.now() if submit else None
    form.save()
    if submit:
        _moved(form.round_id)
    return form


@transaction.atomic
def reopen(*, form: ReviewForm, reason: str, by) -> ReviewForm:
    """HR in scope gives a submitted form back to its reviewer, with the reason."""
    if not rules.can_reopen(by, form):
        raise PermissionDenied
    _lock_form(form, round_first=True)
    _require_open(form.round)
    if not form.submitted:
        raise conflict(_("Only a submitted review can be reopened."))
    try:
        reason = text(reason, _("Reason"), limit=1000)
    except ValidationError as e:
        raise ValidationError({"reason": e.messages}) from None
    form.status = ReviewForm.Status.DRAFT
    form.submitted_at = None
    form.reopened_reason = reason
    form.save(update_fields=["status", "submitted_at", "reopened_reason", "updated_at"])
    _moved(form.round_id)
    events.form_reopened(form.pk)
    return form
