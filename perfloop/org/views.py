from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access import policy
from perfloop.access.decorators import require
from perfloop.org import examples, selectors
from perfloop.org.forms import DirectoryFilterForm, OrgImportForm
from perfloop.org.importing import ImportRefused, apply_org_import, plan_org_import
from perfloop.org.models import OrgImport

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
    page = Paginator(employees, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "org/directory.html", {"form": form, "page": page})


@require(policy.can_view_team)
def team(request):
    q = request.GET.get("q", "")[:100]
    page = Paginator(selectors.team(request.user, q=q), PAGE_SIZE).get_page(request.GET.get("page"))
    me = policy.roles_for(request.user).employee
    return render(request, "org/team.html", {"page": page, "q": q, "me": me})


@require(policy.can_use_org_directory)
def employee_detail(request, pk: int):
    employee = selectors.employee_for(request.user, pk)
    if employee is None:
        raise Http404
    reports = selectors.directory(request.user).filter(manager=employee)
    show_history = policy.is_hr_for(request.user, employee) or policy.can_administer(request.user)
    history = (
        employee.history.select_related("history_user", "department").order_by("-history_date")[:10]
        if show_history
        else []
    )
    return render(
        request,
        "org/employee_detail.html",
        {"employee": employee, "reports": reports, "history": history, "show_history": show_history},
    )


@require(policy.can_import_org)
def import_list(request):
    form = OrgImportForm(request.POST, request.FILES) if request.method == "POST" else OrgImportForm()
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        plan = plan_org_import(content, upload.name, user=request.user)
        org_import = OrgImport.objects.create(
            filename=upload.name[:255],
            content=content,
            uploaded_by=request.user,
            status=OrgImport.Status.PREVIEWED,
            summary=_summary(plan),
        )
        return redirect("org:import_detail", pk=org_import.pk)
    imports = policy.visible_org_imports(request.user).select_related("uploaded_by").defer("content")[:20]
    return render(request, "org/import_list.html", {"form": form, "imports": imports})


@require(policy.can_import_org)
def import_detail(request, pk: int):
    org_import = get_object_or_404(policy.visible_org_imports(request.user).defer("content"), pk=pk)
    return render(request, "org/import_detail.html", {"import": org_import, "summary": org_import.summary})


@require_POST
@require(policy.can_import_org)
def import_apply(request, pk: int):
    with transaction.atomic():
        org_import = get_object_or_404(policy.visible_org_imports(request.user).select_for_update(), pk=pk)
        if org_import.status != OrgImport.Status.PREVIEWED:
            messages.error(request, _("This import was already handled."))
            return redirect("org:import_detail", pk=pk)
        try:
            plan = apply_org_import(bytes(org_import.content), org_import.filename, user=request.user)
        except ImportRefused as refused:
            org_import.status = OrgImport.Status.REFUSED
            org_import.summary = _summary(refused.plan)
            org_import.save(update_fields=["status", "summary"])
            messages.error(request, _("Nothing was changed: the file has errors."))
            return redirect("org:import_detail", pk=pk)
        org_import.status = OrgImport.Status.APPLIED
        org_import.applied_at = timezone.now()
        org_import.summary = _summary(plan)
        org_import.save(update_fields=["status", "applied_at", "summary"])
    messages.success(
        request,
        _("Import applied: %(created)d created, %(updated)d updated.")
        % {"created": plan.to_create, "updated": plan.to_update},
    )
    return redirect("org:import_detail", pk=pk)


@require(policy.can_import_org)
def import_example(request):
    response = HttpResponse(
        examples.org_example_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="perfloop-org-example.xlsx"'
    return response


def _summary(plan) -> dict:
    return {
        "ok": plan.ok,
        "rows": len(plan.rows),
        "to_create": plan.to_create,
        "to_update": plan.to_update,
        "unchanged": plan.unchanged,
        "new_departments": plan.new_departments,
        "new_positions": plan.new_positions,
        "errors": [{"line": e.line, "message": e.message} for e in plan.errors[:1000]],
        "error_count": len(plan.errors),
    }
