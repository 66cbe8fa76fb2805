from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render

from perfloop.access import personal_data, policy
from perfloop.access.decorators import require
from perfloop.org import selectors
from perfloop.org.forms import DirectoryFilterForm

PAGE_SIZE = 50


@require(policy.can_use_org_directory)
def directory(request):
    form = DirectoryFilterForm(request.GET or None, departments=selectors.department_choices(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    employees = selectors.directory(
        request.user,
        department=filters.get("department"),
        q=filters.get("q", ""),
        status=filters.get("status") or "active",
    )
    page = Paginator(employees.values(*selectors.TABLE_FIELDS), PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form, "page": page, "rows": selectors.people_table(page.object_list),
        "department_options": selectors.department_options(form, request.user),
    }  # fmt: skip
    return render(request, "org/directory.html", context)


@require(policy.can_view_team)
def team(request):
    q = request.GET.get("q", "").replace("\x00", "")[:100]  # PostgreSQL text cannot hold NUL
    people = selectors.team(request.user, q=q).values(*selectors.TABLE_FIELDS)
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
    me = policy.roles_for(request.user).employee
    context = {"page": page, "rows": selectors.people_table(page.object_list), "q": q, "me": me}
    return render(request, "org/team.html", context)


@require(policy.can_use_org_directory)
def employee_detail(request, pk: int):
    employee = selectors.employee_for(request.user, pk)
    if employee is None:
        raise Http404
    reports = selectors.directory(request.user).filter(manager=employee)
    show_history = policy.is_hr_for(request.user, employee) or policy.can_administer(request.user)
    history = (
        employee.history.select_related("history_user__employee", "department").order_by("-history_date")[:10]
        if show_history
        else []
    )
    return render(
        request,
        "org/employee_detail.html",
        {
            "employee": employee,
            "reports": reports,
            "history": history,
            "show_history": show_history,
            "show_reads": policy.can_see_reads_of(request.user, employee),
            "show_export": personal_data.can_export(request.user, employee),
            "is_self": policy.is_self(request.user, employee),
        },
    )
