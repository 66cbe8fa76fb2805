from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access.decorators import require
from perfloop.imports import rules as import_rules
from perfloop.imports import services
from perfloop.imports.forms import UploadForm
from perfloop.imports.models import Import
from perfloop.imports.registry import KINDS, can_import
from perfloop.reviews.models import ReviewCycle


@require(import_rules.can_use_imports)
def index(request):
    """The organisation and template uploads, and the user's recent imports."""
    kinds = [k for k in KINDS.values() if k.on_imports_page and can_import(request.user, k.code)]
    imports = (
        import_rules.visible_imports(request.user)
        .select_related("uploaded_by__employee", "cycle")
        .defer("content")[:30]
    )
    return render(request, "imports/index.html", {"kinds": kinds, "imports": imports, "form": UploadForm()})


@require_POST
@require(import_rules.can_use_imports)
def upload(request, kind: str):
    if kind not in KINDS:
        raise Http404
    if not can_import(request.user, kind):
        raise PermissionDenied
    cycle = None
    if KINDS[kind].needs_cycle:
        cycle_id = request.POST.get("cycle", "")
        cycle = get_object_or_404(ReviewCycle, pk=int(cycle_id) if cycle_id.isdigit() else 0)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect(_back(request))
    file = form.cleaned_data["file"]
    record = services.upload(
        kind=kind, filename=file.name, content=file.read(), user=request.user, cycle=cycle
    )
    return redirect("imports:detail", pk=record.pk)


def _back(request) -> str:
    """The page the upload form was on: only a relative path on this site, never elsewhere."""
    back = request.POST.get("back", "")
    relative = back.startswith("/") and not back.startswith(("//", "/\\"))
    if relative and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return back
    return reverse("imports:index")


@require(import_rules.can_use_imports)
def detail(request, pk: int):
    record = get_object_or_404(
        import_rules.visible_imports(request.user).select_related("cycle").defer("content"), pk=pk
    )
    return render(
        request,
        "imports/detail.html",
        {"import": record, "kind": KINDS[record.kind], "summary": record.summary},
    )


@require_POST
@require(import_rules.can_use_imports)
def apply(request, pk: int):
    try:
        record = services.apply(pk=pk, user=request.user)
    except Import.DoesNotExist as exc:
        raise Http404 from exc
    if record.status == Import.Status.APPLIED:
        messages.success(
            request,
            _("Import applied: %(created)d created, %(updated)d updated.")
            % {"created": record.summary["to_create"], "updated": record.summary["to_update"]},
        )
    else:
        messages.error(request, _("Nothing was changed: the file has errors."))
    return redirect("imports:detail", pk=pk)


@require(import_rules.can_use_imports)
def example(request, kind: str):
    if kind not in KINDS or not can_import(request.user, kind):
        raise Http404
    response = HttpResponse(
        KINDS[kind].example_xlsx(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="perfloop-{kind}-example.xlsx"'
    return response
