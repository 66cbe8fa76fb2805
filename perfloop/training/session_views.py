"""HR's training sessions: planned from a needs line, people enrolled, attendance marked."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access.decorators import require
from perfloop.access.policy import hr_departments, people_q
from perfloop.documents.downloads import download
from perfloop.documents.writers import xlsx_bytes
from perfloop.org.models import Employee
from perfloop.training import needs, rules, sessions
from perfloop.training.forms import SessionForm
from perfloop.training.models import Enrolment, Session

MOST_AT_ONCE = 500  # people enrolled by one click


@require(rules.can_run_sessions)
def index(request):
    page = Paginator(Session.objects.select_related("department"), 50).get_page(request.GET.get("page"))
    return render(request, "training/sessions.html", {"page": page})


@require(rules.can_run_sessions)
def new(request):
    departments = hr_departments(request.user)
    if request.method == "POST":
        form = SessionForm(request.POST, departments=departments)
    else:
        initial = {"topic": request.GET.get("topic", "")[:100]}
        if request.GET.get("department", "").isdigit():
            initial["department"] = departments.filter(pk=request.GET["department"]).first()
        form = SessionForm(initial=initial, departments=departments)
    if request.method == "POST" and form.is_valid():
        try:
            session = sessions.plan_session(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The session is planned: enrol its people."))
            return redirect("training:session", pk=session.pk)
    return render(request, "training/session_new.html", {"form": form}, status=400 if form.errors else 200)


@require(rules.can_run_sessions)
def session_page(request, pk: int):
    session = get_object_or_404(Session.objects.select_related("department"), pk=pk)
    enrolled = (
        Enrolment.objects.filter(people_q(request.user, via="employee__"), session=session)
        .select_related("employee__department", "support__plan")
        .order_by("employee__employee_no")
    )
    page = Paginator(enrolled, 50).get_page(request.GET.get("page"))
    candidates = []
    if session.department_id:  # the line's people not enrolled yet, as the viewer's rights reach them
        candidates = list(
            needs.people_of(request.user, session.topic, session.department_id).exclude(
                pk__in=Enrolment.objects.filter(session=session).values("employee_id")
            )[:50]
        )
    context = {"session": session, "page": page, "candidates": candidates}
    return render(request, "training/session.html", context)


def _chosen(request) -> list[Employee]:
    """The people ticked and those named by employee number, within the caller's reach."""
    ids = [int(v) for v in request.POST.getlist("people")[:MOST_AT_ONCE] if v.isdigit() and len(v) < 12]
    raw = request.POST.get("numbers", "")[:5000].replace("，", ",").replace("\n", ",")
    numbers = [n.strip() for n in raw.split(",") if n.strip()][:MOST_AT_ONCE]
    found = list(
        Employee.objects.filter(
            people_q(request.user, hr_only=True), Q(pk__in=ids) | Q(employee_no__in=numbers)
        ).select_related("department")
    )
    missing = set(numbers) - {e.employee_no for e in found}
    if missing:
        raise ValidationError(
            _("No one in your HR scope has the employee number %(numbers)s.")
            % {"numbers": ", ".join(sorted(missing))},
            code="invalid",
        )
    return found


@require_POST
@require(rules.can_run_sessions)
def enrol(request, pk: int):
    session = get_object_or_404(Session, pk=pk)
    try:
        made = sessions.enrol(session=session, employees=_chosen(request), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(count)s enrolled.") % {"count": len(made)})
    return redirect("training:session", pk=session.pk)


def _enrolment(request, pk: int) -> Enrolment:
    enrolment = sessions.enrolment_for(request.user, pk)
    if enrolment is None:
        raise Http404
    return enrolment


@require_POST
@require(rules.can_run_sessions)
def attendance(request, pk: int):
    enrolment = _enrolment(request, pk)
    if request.POST.get("attended") not in ("yes", "no"):
        messages.error(request, _("Choose attended or absent."))
    else:
        done = sessions.record_attendance(
            enrolment=enrolment, attended=request.POST["attended"] == "yes", by=request.user
        )
        if done.attended and done.support_id:
            messages.success(request, _("Attended: the training budget on their plan is marked as given."))
        else:
            messages.success(request, _("Attendance recorded."))
    return redirect("training:session", pk=enrolment.session_id)


@require_POST
@require(rules.can_run_sessions)
def remove(request, pk: int):
    enrolment = _enrolment(request, pk)
    sessions.remove(enrolment=enrolment, by=request.user)
    messages.success(request, _("%(name)s is no longer enrolled.") % {"name": enrolment.employee.name})
    return redirect("training:session", pk=enrolment.session_id)


@require(rules.can_run_sessions)
def export(request):
    """Every session with its figures (the people enrolled are on each session's page)."""
    found = Session.objects.select_related("department").order_by("-starts", "-pk")[:10_000]
    header = [_("Course"), _("Provider"), _("Indicator or competency"), _("Department"), _("From"), _("To"),
              _("Seats"), _("Enrolled"), _("Attended"), _("Cost")]  # fmt: skip
    rows = [
        [s.course, s.provider, s.topic, s.department.name if s.department else "", s.starts, s.ends,
         s.seats, s.enrolled, s.attended, s.cost]
        for s in found
    ]  # fmt: skip
    return download(
        xlsx_bytes(header, rows, _("Training sessions")), "xlsx", "perfloop-training-sessions.xlsx"
    )
