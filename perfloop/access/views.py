from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access import audit, hr_scopes, personal_data, policy
from perfloop.access.decorators import require
from perfloop.access.forms import NameHRForm
from perfloop.access.models import HRAssignment
from perfloop.org import selectors
from perfloop.org.models import Employee

PAGE_SIZE = 50


@require(policy.can_read_access_changes)
def changes(request):
    """Every change of HR scopes and of accounts, newest first, with who made it and when."""
    scopes = HRAssignment.history.select_related(
        "history_user__employee", "user__employee", "department"
    ).order_by("-history_date")
    accounts = get_user_model().history.select_related("history_user__employee").order_by("-history_date")
    context = {
        "page": Paginator(scopes, PAGE_SIZE).get_page(request.GET.get("page")),
        "accounts": accounts[:PAGE_SIZE],
    }
    return render(request, "access/changes.html", context)


@require(policy.can_use_org_directory)
def reads(request, pk: int):
    """Who opened this person's result, 360 ratings or evidence."""
    employee = selectors.employee_for(request.user, pk)
    if employee is None or not policy.can_see_reads_of(request.user, employee):
        raise Http404
    page = Paginator(audit.reads_of(employee), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "access/reads.html", {"employee": employee, "page": page})


@require(policy.can_use_org_directory)
def personal_data_export(request, pk: int):
    """Everything PerfLoop holds about one person, as a ZIP (HR in scope, or the person); logged."""
    employee = selectors.employee_for(request.user, pk)
    if employee is None or not personal_data.can_export(request.user, employee):
        raise Http404
    content = personal_data.export(employee=employee, by=request.user, via=audit.Via.EXPORT)
    response = HttpResponse(content, content_type="application/zip")
    response["Content-Disposition"] = content_disposition_header(True, f"perfloop-{employee.employee_no}.zip")
    return response


@require(hr_scopes.can_name_hr)
def hr_people(request):
    """Administrators name HR people and their departments; whose own records nobody covers."""
    q = request.GET.get("q", "").replace("\x00", "").strip()[:100]
    found = []
    if q:
        found = list(
            Employee.objects.filter(selectors.search_q(q), status=Employee.Status.ACTIVE)
            .select_related("department", "position")
            .order_by("employee_no")[:20]
        )
    return _hr_page(request, NameHRForm(), q=q, found=found)


def _hr_page(request, form, *, q="", found=(), status=200):
    context = {
        "scopes": hr_scopes.scopes(),
        "uncovered": hr_scopes.uncovered(),
        "form": form,
        "q": q,
        "found": found,
        "department_options": selectors.department_options(form, request.user),
    }
    return render(request, "access/hr_people.html", context, status=status)


@require_POST
@require(hr_scopes.can_name_hr)
def name_hr(request):
    form = NameHRForm(request.POST)
    if form.is_valid():
        try:
            named = hr_scopes.name_hr(**form.cleaned_data, by=request.user)
        except ValidationError as error:
            form.add_error("employee", error)
        else:
            person, department = form.cleaned_data["employee"], form.cleaned_data["department"]
            messages.success(
                request,
                _("%(name)s is HR for %(department)s and everything under it.")
                % {"name": person.name, "department": department.name},
            )
            if named.invited:  # their account is new: the link is shown once, here
                return render(request, "accounts/invitations_sent.html", {"sent": named.invited})
            return redirect("access:hr_people")
    return _hr_page(request, form, status=400)


@require_POST
@require(hr_scopes.can_name_hr)
def remove_hr(request, pk: int):
    if not hr_scopes.remove(assignment_id=pk, by=request.user):
        raise Http404
    messages.success(request, _("The HR scope is removed; it stops working on the next request."))
    return redirect("access:hr_people")
