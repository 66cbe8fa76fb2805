"""The pages of online reviews: rounds and their progress (HR, managers), nominations, the
reviewer's inbox and the form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access.audit import log_reads
from perfloop.access.decorators import require
from perfloop.access.policy import is_self, roles_for
from perfloop.feedback import coach
from perfloop.feedback.models import FeedbackRequest
from perfloop.home.service_calls import form_errors
from perfloop.org.models import Employee
from perfloop.reviews.models import Relation
from perfloop.rounds import notifications, rules, selectors, services
from perfloop.rounds.apps import FORM_READ
from perfloop.rounds.forms import ReopenForm, round_form
from perfloop.rounds.models import NOMINATED, Nomination, ReviewRound
from perfloop.rounds.services import MAX_ACHIEVEMENTS, MAX_REQUESTS

SECTIONS = ("department", "reviewer", "person")


def _page(request) -> int:
    try:
        return max(1, min(int(request.GET.get("page", 1)), 10_000))
    except ValueError:
        return 1


@require(rules.can_follow)
def index(request):
    """The rounds HR and managers follow."""
    rounds = list(selectors.rounds_for(request.user)[:50])
    return render(
        request, "rounds/index.html", {"rounds": rounds, "can_run": rules.can_run_rounds(request.user)}
    )


@require(rules.can_run_rounds)
def new(request):
    form = round_form(request.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.open_round(by=request.user, **form.cleaned_data)
        except PermissionDenied:
            form.add_error("department", _("Your HR scope does not cover these people."))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("The review round is open: its forms are ready."))
            return redirect(round)
    return render(request, "rounds/new.html", {"form": form}, status=400 if form.errors else 200)


def _round_or_404(request, pk) -> ReviewRound:
    round = selectors.round_for(request.user, pk)
    if round is None:
        raise Http404
    return round


@require(rules.can_follow)
def round_page(request, pk: int):
    """Progress: overall, and by department, reviewer or person reviewed, for the user's reach."""
    round = _round_or_404(request, pk)
    section = request.GET.get("section") if request.GET.get("section") in SECTIONS else "department"
    page = _page(request)
    context = {
        "round": round, "page": page, "sections": SECTIONS,
        "progress": selectors.progress(request.user, round, section=section, page=page),
        "can_oversee": rules.can_oversee(request.user, round),
    }  # fmt: skip
    return render(request, "rounds/round.html", context)


@require_POST
@require(rules.can_run_rounds)
def close(request, pk: int):
    round = _round_or_404(request, pk)
    try:
        n = services.close(round=round, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("The round is closed: %(n)s ratings now count in the cycle's scoring.") % {"n": n}
        )
    return redirect(round)


@require_POST
@require(rules.can_run_rounds)
def remind(request, pk: int):
    round = _round_or_404(request, pk)
    if not rules.can_oversee(request.user, round):
        raise PermissionDenied
    if not round.is_open:
        messages.error(request, _("The review round is closed."))
        return redirect(round)
    n = notifications.remind(round, request.user)
    messages.success(request, _("Reminded: %(n)s notifications sent.") % {"n": n})
    return redirect(round)


# ---- nominations -------------------------------------------------------------------------------


def _employee_param(request, round):
    """The person whose reviewers the page is about: one's self, or someone one decides for."""
    roles = roles_for(request.user)
    raw = request.GET.get("employee") or request.POST.get("employee")
    if not raw:
        return roles.employee
    try:
        employee = Employee.objects.select_related("department", "manager").get(pk=int(raw))
    except (ValueError, Employee.DoesNotExist):
        raise Http404 from None
    if not (is_self(request.user, employee) or rules.can_decide(request.user, employee)):
        raise Http404
    return employee


@require(rules.may_read_forms)
def nominations(request, pk: int):
    round = _round_or_404(request, pk)
    employee = _employee_param(request, round)
    deciding = employee is not None and not is_self(request.user, employee)
    context = {
        "round": round, "employee": employee, "deciding": deciding, "nominations": None,
        "relation_choices": [(r, Relation(r).label) for r in NOMINATED if r in round.relations],
    }  # fmt: skip
    if employee is not None and (deciding or round.nominated_by == "employee"):
        noms = selectors.nominations_of(round, employee)
        if not deciding and round.confidential:
            # In a confidential round the employee sees whom they proposed, not whom others added.
            noms = [n for n in noms if n.proposed_by_id == request.user.pk]
        loads = selectors.loads(round, [n.reviewer_id for n in noms]) if deciding else {}
        context["nominations"] = [
            {"nomination": n, "load": loads.get(n.reviewer_id, 0),
             "over": deciding and n.status == Nomination.Status.PROPOSED and loads.get(n.reviewer_id, 0) >= round.reviewer_cap}
            for n in noms
        ]  # fmt: skip
        context["approved"] = sum(1 for n in noms if n.status == Nomination.Status.APPROVED)
    if rules.can_follow(request.user) and not request.GET.get("employee"):
        context["line"], context["more"] = selectors.line_to_decide(request.user, round, page=_page(request))
        context["page"] = _page(request)
    return render(request, "rounds/nominations.html", context)


@require_POST
@require(rules.may_review)
def nominate(request, pk: int):
    round = _round_or_404(request, pk)
    employee = _employee_param(request, round)
    if employee is None:
        raise Http404
    back = reverse("rounds:nominations", args=[round.pk]) + (
        "" if is_self(request.user, employee) else f"?employee={employee.pk}"
    )
    reviewer = Employee.objects.filter(employee_no=request.POST.get("reviewer", "").strip()).first()
    if reviewer is None:
        messages.error(request, _("No one has that employee number."))
        return redirect(back)
    relation = request.POST.get("relation") or Relation.PEER
    try:
        services.nominate(
            round=round, employee=employee, reviewer=reviewer, by=request.user, relation=relation
        )
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s added.") % {"name": reviewer.name})
    return redirect(back)


@require_POST
@require(rules.can_follow)
def decide(request, pk: int):
    nomination = get_object_or_404(Nomination.objects.select_related("round", "employee", "reviewer"), pk=pk)
    if not rules.can_decide(request.user, nomination.employee):
        raise Http404
    approve = request.POST.get("decision") == "approve"
    try:
        services.decide(nomination=nomination, approve=approve, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Approved.") if approve else _("Removed."))
    return redirect(
        reverse("rounds:nominations", args=[nomination.round_id]) + f"?employee={nomination.employee_id}"
    )


@require(rules.may_review)
def people(request, pk: int):
    """Colleagues found by name or number, to propose (an htmx fragment)."""
    _round_or_404(request, pk)
    q = request.GET.get("q", "").strip()[:50]
    found = selectors.colleagues(q=q, exclude=roles_for(request.user).employee.pk) if len(q) >= 1 else []
    return render(request, "rounds/_people.html", {"people": found, "q": q})


# ---- the reviewer's side -------------------------------------------------------------------------


@require(rules.may_review)
def inbox(request):
    rows, more = selectors.inbox(request.user, page=_page(request))
    context = {
        "rows": rows, "more": more, "page": _page(request), "proposing": selectors.proposing(request.user),
        "perms_follow": rules.can_follow(request.user),
    }  # fmt: skip
    return render(request, "rounds/inbox.html", context)


def _typed(post) -> dict:
    """The form's fields as the page posts them."""
    answers = {}
    for name in post:
        if name.startswith(("rating_", "comment_")):
            kind, _sep, key = name.partition("_")
            answers.setdefault(key, {})[kind] = post.get(name)
    achievements = [
        {"what": post.get(f"achievement_what_{n}", ""), "impact": post.get(f"achievement_impact_{n}", ""),
         "date": post.get(f"achievement_date_{n}", "")}
        for n in range(1, MAX_ACHIEVEMENTS + 1)
    ]  # fmt: skip
    requests = [
        {"kind": post.get(f"request_kind_{n}", ""), "text": post.get(f"request_text_{n}", "")}
        for n in range(1, MAX_REQUESTS + 1)
    ]
    return {"answers": answers, "overall": post.get("overall", ""), "difficulties": post.get("difficulties", ""),
            "achievements": achievements, "requests": requests}  # fmt: skip


def _rows(items: list, blank: dict, shown: int) -> list[dict]:
    """Filled rows and blank ones up to `shown` (at least one blank)."""
    items = [i for i in items if any(str(v).strip() for v in i.values() if v != "other")]
    return items + [dict(blank) for _ in range(max(shown - len(items), 1))]


@require(rules.may_read_forms)
def form(request, pk: int):
    found = selectors.form_for(request.user, pk)
    if found is None:
        raise Http404
    mine = rules.is_reviewer(request.user, found)
    if not mine:
        log_reads(request.user, [found.employee_id], [FORM_READ], via="page", ref=str(found.pk))
    errors, typed = {}, None
    if request.method == "POST":
        if not mine:
            raise PermissionDenied
        typed = _typed(request.POST)
        submit = "submit" in request.POST
        try:
            services.save(form=found, data=typed, by=request.user, submit=submit)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            if request.headers.get("X-Autosave"):
                return JsonResponse({"errors": errors}, status=409 if error.code == "conflict" else 400)
        else:
            if request.headers.get("X-Autosave"):
                return JsonResponse({"at": time_format(timezone.localtime(), "TIME_FORMAT")})
            if submit:
                messages.success(request, _("Review submitted. Thank you."))
                return redirect("rounds:inbox")
            messages.success(request, _("Saved."))
            return redirect(found)
    answers = (typed or {}).get("answers") or {}
    items = []
    for item in selectors.form_page(found):
        key = str(item["indicator"].pk)
        if key in answers:
            item = {
                **item,
                "rating": _int(answers[key].get("rating")),
                "comment": answers[key].get("comment", ""),
            }
        item["error"] = " ".join(errors.get(f"rating_{key}", []) + errors.get(f"comment_{key}", []))
        items.append(item)
    source = typed or {"overall": found.overall, "difficulties": found.difficulties,
                       "achievements": found.achievements, "requests": found.requests}  # fmt: skip
    editable = (
        mine and not found.submitted and found.round.is_open and found.round.opens_on <= timezone.localdate()
    )
    context = {
        "f": found, "items": items, "mine": mine, "editable": editable,
        "overall": source["overall"], "difficulties": source["difficulties"],
        "achievements": _rows(source["achievements"], {"what": "", "impact": "", "date": ""}, 2),
        "requests": _rows(source["requests"], {"kind": "other", "text": ""}, 1),
        "request_kinds": FeedbackRequest.Kind.choices,
        "errors": [m for k, ms in errors.items() if not k.startswith(("rating_", "comment_")) for m in ms],
        "levels": range(1, 6), "reopen_form": ReopenForm() if rules.can_reopen(request.user, found) else None,
        # Who wrote it is shown to HR in scope only (the reviewer knows).
        "show_reviewer": not mine and rules.can_reopen(request.user, found),
        "today": timezone.localdate(),
    }  # fmt: skip
    return render(request, "rounds/form.html", context, status=400 if errors else 200)


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@require_POST
@require(rules.can_run_rounds)
def reopen(request, pk: int):
    found = selectors.form_for(request.user, pk)
    if found is None or not rules.can_reopen(request.user, found):
        raise Http404
    data = ReopenForm(request.POST)
    if not data.is_valid():
        messages.error(request, form_errors(data))
        return redirect(found)
    try:
        services.reopen(form=found, reason=data.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The review is given back to its reviewer."))
    return redirect(found)


@require_POST
@require(rules.may_review)
def coach_check(request):
    """The language coach on the comment being typed (an htmx fragment); a hint, never a block."""
    name = next(
        (n for n in request.POST if n.startswith("comment_") or n in ("overall", "difficulties")), None
    )
    text = request.POST.get(name, "")[:4000] if name else ""
    findings = [{"words": text[f.start : f.end], "finding": f} for f in coach.check(text, ui=get_language())]
    return render(request, "feedback/_coach.html", {"findings": findings})
