from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header

from perfloop.access import audit, personal_data, policy
from perfloop.access.decorators import require
from perfloop.access.models import HRAssignment
from perfloop.org import selectors

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
