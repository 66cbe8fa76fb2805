from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access import audit
from perfloop.access.decorators import require
from perfloop.access.models import PrivateRead
from perfloop.access.policy import reaches, visible_departments, visible_employees
from perfloop.documents.bounds import BoundExceeded, check_size
from perfloop.feedback import (
    coach,
    documents,
    invitations,
    notifications,
    registry,
    rules,
    selectors,
    services,
)
from perfloop.feedback.apps import PACK_READ, RECORD_READ
from perfloop.feedback.forms import (
    AmendmentForm,
    DisputeForm,
    HeldForm,
    PackForm,
    RecordTextsForm,
    RequestForm,
    ResolveForm,
    ScheduleForm,
    TemplateForm,
)
from perfloop.feedback.models import RECORD_TEXTS, Appeal, FeedbackRecord, RecordTemplate
from perfloop.feedback.preparation import evidence_of
from perfloop.home.service_calls import run
from perfloop.org.selectors import search_q
from perfloop.reviews.analysis import analyse
from perfloop.reviews.models import ReviewCycle

PAGE_SIZE = 50
Status = FeedbackRecord.Status


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _record_or_404(request, pk: int) -> FeedbackRecord:
    record = selectors.record_for(request.user, pk)
    if record is None:
        raise Http404
    return record


def _holder_record(request, pk: int) -> FeedbackRecord:
    """A record the user holds the conversation for (404 when unseen, 403 when only seen)."""
    record = _record_or_404(request, pk)
    if not rules.can_hold(request.user, record.employee):
        raise PermissionDenied
    return record


def _log_read(request, record, what: str) -> None:
    services.log_opened(record=record, by=request.user, what=what, via=audit.Via.PAGE)


def _findings(text: str) -> list[dict]:
    """The coach's findings with the words they point at, in the user's language."""
    return [{"words": text[f.start : f.end], "finding": f} for f in coach.check(text, ui=get_language())]


def _coach_summary(record) -> list[dict]:
    """Every finding in the record's texts, box by box: the summary to read before saving."""
    labels = RecordTextsForm.base_fields
    return [
        {"label": labels[name].label, **item}
        for name in RECORD_TEXTS
        for item in _findings(getattr(record, name))
    ]


@require_POST
@require(rules.can_use_feedback)
def coach_check(request):
    """The coach's findings on the box being typed (an htmx fragment) — whichever box of whichever
    page: the record, check-in notes and recognition, plan comments, closure reasons; a warning,
    never a block."""
    name = next((n for n in request.POST if n != "csrfmiddlewaretoken"), None)
    text = request.POST.get(name, "")[: services.TEXT_LIMIT] if name else ""
    return render(request, "feedback/_coach.html", {"findings": _findings(text)})


@require(rules.can_use_feedback)
def index(request):
    cycles = ReviewCycle.objects.published().order_by("-start_date")[:10]
    page = Paginator(selectors.records_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "feedback/index.html",
        {"page": page, "cycles": cycles, "can_view_overview": rules.can_view_overview(request.user)},
    )


def _counted(paginator: Paginator, count: int) -> Paginator:
    """A paginator told its count, already known from the status counts (one query fewer over the cycle)."""
    paginator.__dict__["count"] = count  # Paginator.count is a cached property
    return paginator


@require(rules.can_view_overview)
def cycle(request, pk: int):
    cycle = get_object_or_404(ReviewCycle.objects.published(), pk=pk)
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    q = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    wanted = request.GET.get("department", "")
    # A team report's figure: the people scored in a department the user may see, or under it.
    department = visible_departments(request.user).filter(pk=wanted).first() if wanted.isdigit() else None
    counts = selectors.status_counts(request.user, cycle, department)
    rows = selectors.records_for(
        request.user, cycle=cycle, status=status, reached_only=True, department=department
    )
    without = selectors.without_record(request.user, cycle, department)
    if q:  # a search: its pages are counted (what it finds); otherwise the known totals serve
        found = search_q(q, "employee__", position=False)
        records, missing = (
            Paginator(rows.filter(found), PAGE_SIZE),
            Paginator(without.filter(found), PAGE_SIZE),
        )
    else:
        records = _counted(Paginator(rows, PAGE_SIZE), counts[status] if status else sum(counts.values()))
        missing = _counted(
            Paginator(without, PAGE_SIZE),
            selectors.results_count(request.user, cycle, department) - sum(counts.values()),
        )
    records, missing = (
        records.get_page(request.GET.get("page")),
        missing.get_page(request.GET.get("missing_page")),
    )
    context = {
        "cycle": cycle,
        "counts": counts,
        "statuses": Status.choices,
        "status": status,
        "q": q,
        "department": department,
        "records": records,
        "missing": missing,
        "can_start": cycle.status == ReviewCycle.Status.FEEDBACK,
        "can_remind": cycle.status == ReviewCycle.Status.FEEDBACK and rules.can_remind_managers(request.user),
    }
    return render(request, "feedback/cycle.html", context)


@require_POST
@require(rules.can_remind_managers)
def remind(request, pk: int):
    """HR reminds the managers of the people in their scope still without a conversation."""
    cycle = get_object_or_404(ReviewCycle, pk=pk, status=ReviewCycle.Status.FEEDBACK)
    told, nobody = notifications.remind_managers(cycle, request.user)
    text = ngettext("%(n)s manager was reminded.", "%(n)s managers were reminded.", told) % {"n": told}
    if nobody:
        text += " " + ngettext(
            "%(n)s person has no manager who can sign in: hold that conversation yourself.",
            "%(n)s people have no manager who can sign in: hold those conversations yourself.",
            nobody,
        ) % {"n": nobody}
    messages.success(request, text)
    return redirect("feedback:cycle", pk=cycle.pk)


@require_POST
@require(rules.can_view_overview)
def start(request, pk: int, employee_id: int):
    cycle = get_object_or_404(ReviewCycle, pk=pk)
    employee = visible_employees(request.user).select_related("department").filter(pk=employee_id).first()
    if employee is None or not reaches(request.user, employee):
        raise Http404
    try:
        record = services.start(cycle=cycle, employee=employee, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("feedback:cycle", pk=cycle.pk)
    messages.success(request, _("Feedback conversation with %(name)s opened.") % {"name": employee.name})
    return redirect("feedback:pack", pk=record.pk)


@require(rules.can_use_feedback)
def record(request, pk: int):
    record = _record_or_404(request, pk)
    context = selectors.record_page(request.user, record)
    context["texts"] = [(f.label, getattr(record, name)) for name, f in RecordTextsForm.base_fields.items()]
    if context["holds"]:
        start_local = timezone.localtime(record.starts_at) if record.starts_at else None
        context["schedule_form"] = ScheduleForm(
            initial={
                "date": start_local.date() if start_local else None,
                "time": start_local.time() if start_local else None,
                "minutes": record.duration_minutes,
                "place": record.place,
                "video_link": record.video_link,
            }
        )
        context["held_form"] = HeldForm(initial={"held_on": timezone.localdate()})
        # An amendment starts from the text as it stands (the page's script follows the field chosen).
        first = RECORD_TEXTS[0]
        context["amendment_form"] = AmendmentForm(initial={"field": first, "text": getattr(record, first)})
        context["current_texts"] = {name: getattr(record, name) for name in RECORD_TEXTS}
        if record.status == Status.PLANNED:
            context["coach_summary"] = _coach_summary(record)
    if context["can_answer"]:
        context["dispute_form"] = DisputeForm()
    if context["can_resolve"]:
        context["resolve_form"] = ResolveForm()
    _log_read(request, record, RECORD_READ)
    return render(request, "feedback/record.html", context)


def _data_sheet(record):
    result = record.result
    strengths, improvements = analyse(result.breakdown, record.employee.department.name)
    evidence = evidence_of(result)
    return {
        "breakdown": result.breakdown,
        "strengths": strengths,
        "improvements": improvements,
        "evidence": evidence,
        "employee_view": registry.employee_view(record),
    }


@require(rules.can_use_feedback)
def pack(request, pk: int):
    record = _record_or_404(request, pk)
    if not rules.can_see_pack(request.user, record):
        raise PermissionDenied  # the employee never sees the pack
    form = PackForm(
        request.POST or None,
        coach_url=reverse("feedback:coach"),
        initial={
            "goal": record.goal,
            "setting": record.setting,
            "talking_points": record.talking_points,
            "materials": record.materials,
        },
    )
    if request.method == "POST":
        if form.is_valid() and run(
            request,
            lambda: services.update_pack(record=record, by=request.user, **form.cleaned_data),
            _("Preparation saved."),
        ):
            return redirect("feedback:pack", pk=record.pk)
    else:
        _log_read(request, record, PACK_READ)
    return render(request, "feedback/pack.html", {"record": record, "form": form, **_data_sheet(record)})


@require_POST
@require(rules.can_use_feedback)
def schedule(request, pk: int):
    record = _holder_record(request, pk)
    form = ScheduleForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    else:
        data = form.cleaned_data
        run(
            request,
            lambda: services.schedule(
                record=record,
                by=request.user,
                starts_at=form.starts_at,
                minutes=data["minutes"],
                place=data["place"],
                video_link=data["video_link"],
            ),
            _("Meeting scheduled. Send the invitation to both calendars."),
        )
    return redirect("feedback:record", pk=record.pk)


@require_POST
@require(rules.can_use_feedback)
def cancel(request, pk: int):
    record = _holder_record(request, pk)
    run(request, lambda: services.cancel_meeting(record=record, by=request.user), _("Meeting cancelled."))
    return redirect("feedback:record", pk=record.pk)


@require(rules.can_use_feedback)
def invitation(request, pk: int):
    record = _record_or_404(request, pk)
    if record.starts_at is None:
        raise Http404
    _log_read(request, record, RECORD_READ)
    return invitations.ics_response(record)


@require(rules.can_use_feedback)
def meeting(request, pk: int):
    """The guided meeting: the record's texts in the guide's order, saved as they are typed."""
    record = _holder_record(request, pk)
    if record.locked:
        messages.info(request, _("The employee has answered this record: change it by an amendment."))
        return redirect("feedback:record", pk=record.pk)
    form = RecordTextsForm(
        request.POST or None,
        coach_url=reverse("feedback:coach"),
        initial={n: getattr(record, n) for n in RecordTextsForm.base_fields},
    )
    status = 200
    if request.method == "POST":
        autosave = request.headers.get("X-Autosave") == "1"
        if not form.is_valid():
            if autosave:
                return JsonResponse({"errors": form.errors}, status=400)
            status = 400
        else:
            # Only the fields sent are saved, so that an autosave of one box never clears another.
            texts = {n: form.cleaned_data[n] for n in RecordTextsForm.base_fields if n in request.POST}
            try:
                services.save_texts(record=record, by=request.user, **texts)
            except ValidationError as error:
                status = 409 if getattr(error, "code", None) in ("locked", "conflict") else 400
                if autosave:
                    return JsonResponse({"errors": {"__all__": error.messages}}, status=status)
                messages.error(request, _error_text(error))  # the form keeps what was typed
            else:
                if autosave:
                    return JsonResponse(
                        {"saved": sorted(texts), "at": timezone.localtime().strftime("%H:%M:%S")}
                    )
                messages.success(request, _("Record saved."))
                return redirect("feedback:meeting", pk=record.pk)
    _log_read(request, record, RECORD_READ)
    context = {
        "record": record,
        "form": form,
        "request_form": RequestForm(),
        "requests": record.requests.all(),
        "coach_summary": _coach_summary(record),
    }
    return render(request, "feedback/meeting.html", {**context, **_data_sheet(record)}, status=status)


@require_POST
@require(rules.can_use_feedback)
def request_add(request, pk: int):
    record = _holder_record(request, pk)
    form = RequestForm(request.POST)
    if form.is_valid():
        run(
            request,
            lambda: services.add_request(record=record, by=request.user, **form.cleaned_data),
            _("Request noted."),
        )
    else:
        messages.error(request, _("Choose the kind of request and write it."))
    return redirect("feedback:meeting", pk=record.pk)


@require_POST
@require(rules.can_use_feedback)
def request_remove(request, pk: int, request_id: int):
    record = _holder_record(request, pk)
    run(
        request,
        lambda: services.remove_request(record=record, by=request.user, request_id=request_id),
        _("Request removed."),
    )
    return redirect("feedback:meeting", pk=record.pk)


@require_POST
@require(rules.can_use_feedback)
def held(request, pk: int):
    record = _holder_record(request, pk)
    form = HeldForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the conversation was held."))
    else:
        run(
            request,
            lambda: services.mark_held(record=record, by=request.user, **form.cleaned_data),
            _("Conversation recorded as held; the employee is asked to acknowledge the record."),
        )
    return redirect("feedback:record", pk=record.pk)


@require_POST
@require(rules.can_use_feedback)
def acknowledge(request, pk: int):
    record = _record_or_404(request, pk)
    try:
        services.acknowledge(record=record, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("You have acknowledged the record."))
    return redirect("feedback:record", pk=record.pk)


@require_POST
@require(rules.can_use_feedback)
def dispute(request, pk: int):
    record = _record_or_404(request, pk)
    if not rules.is_self(request.user, record.employee):
        raise PermissionDenied  # only the employee answers their record
    form = DisputeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what you disagree with."))
    else:
        try:
            services.dispute(record=record, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Your disagreement is recorded and sent to HR as an appeal."))
    return redirect("feedback:record", pk=record.pk)


@require_POST
@require(rules.can_use_feedback)
def amend(request, pk: int):
    record = _holder_record(request, pk)
    form = AmendmentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the field, write the new text and give the reason."))
    else:
        run(
            request,
            lambda: services.amend(record=record, by=request.user, **form.cleaned_data),
            _("Amendment recorded; the employee is asked to acknowledge the record again."),
        )
    return redirect("feedback:record", pk=record.pk)


@require(rules.can_handle_appeals)
def appeals(request):
    status = request.GET.get("status", Appeal.Status.OPEN)
    status = status if status in Appeal.Status.values else ""
    page = Paginator(selectors.appeals_for(request.user, status=status), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    services.log_listed(records=[a.record for a in page], by=request.user, via=audit.Via.PAGE)  # the reasons
    return render(
        request, "feedback/appeals.html", {"page": page, "status": status, "statuses": Appeal.Status.choices}
    )


@require_POST
@require(rules.can_handle_appeals)
def appeal_resolve(request, pk: int):
    appeal = selectors.appeals_for(request.user).filter(pk=pk).first()
    if appeal is None:
        raise Http404
    form = ResolveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the outcome and write the resolution note."))
    else:
        run(
            request,
            lambda: services.resolve_appeal(appeal=appeal, by=request.user, **form.cleaned_data),
            _("Appeal resolved; the employee is asked to answer the record again."),
        )
    return redirect("feedback:record", pk=appeal.record_id)


@require(rules.can_handle_appeals)
def reads(request, pk: int):
    record = _record_or_404(request, pk)
    if not rules.can_read_log(request.user, record):
        raise PermissionDenied
    opened = PrivateRead.objects.filter(
        employee_id=record.employee_id, ref=services.read_ref(record)
    ).select_related("reader__employee")
    page = Paginator(opened, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "access/reads.html", {"employee": record.employee, "page": page})


def readable_record(request, pk: int) -> FeedbackRecord:
    record = _record_or_404(request, pk)
    if not rules.can_read_document(request.user, record):
        raise Http404
    _log_read(request, record, RECORD_READ)
    return record


@require(rules.can_use_feedback)
def document(request, pk: int):
    kind = request.GET.get("format", "pdf")
    if kind not in documents.CONTENT_TYPES:
        raise Http404
    return documents.response(readable_record(request, pk), kind)


@require(rules.can_use_feedback)
def print_record(request, pk: int):
    """The print-ready page (A4): the browser's own print makes the paper copy."""
    return HttpResponse(documents.html(readable_record(request, pk), for_browser=True))


@require(rules.can_manage_template)
def template_settings(request):
    form = TemplateForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if request.POST.get("remove"):
            services.remove_templates(by=request.user)
            messages.success(request, _("The built-in layout is used again."))
            return redirect("feedback:template")
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                check_size(upload.size)  # before reading the file into memory
                services.upload_template(content=upload.read(), filename=upload.name, by=request.user)
            except (ValidationError, BoundExceeded) as error:
                messages.error(
                    request, _error_text(error) if isinstance(error, ValidationError) else str(error)
                )
            else:
                messages.success(request, _("Template uploaded: records are now written in your layout."))
                return redirect("feedback:template")
    current = (
        RecordTemplate.objects.select_related("uploaded_by")
        .only("filename", "uploaded_at", "uploaded_by")
        .first()
    )
    return render(
        request,
        "feedback/template.html",
        {"form": form, "current": current, "placeholders": documents.PLACEHOLDERS},
    )
