from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access.decorators import require
from perfloop.documents.writers import xlsx_bytes
from perfloop.imports import rules as import_rules
from perfloop.imports import services
from perfloop.imports.forms import UploadForm
from perfloop.imports.models import Import
from perfloop.imports.registry import KINDS, can_import, upload_forms

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require(import_rules.can_use_imports)
def index(request):
    """Every kind of import the user may use, and their recent imports."""
    imports = (
        import_rules.visible_imports(request.user)
        .select_related("uploaded_by__employee")
        .prefetch_related("target")
        .defer("content")[:30]
    )
    return render(request, "imports/index.html", {"uploads": upload_forms(request.user), "imports": imports})


def _target(kind, user, value: str):
    """The object the rows belong to, as chosen on the form or link: only among those the user may
    pick (404 otherwise); None for a kind without a target."""
    if kind.target is None:
        return None
    return get_object_or_404(
        kind.target.options(user), pk=int(value) if value.isdigit() and len(value) < 19 else 0
    )


@require_POST
@require(import_rules.can_use_imports)
def upload(request, kind: str):
    if kind not in KINDS:
        raise Http404
    if not can_import(request.user, kind):
        raise PermissionDenied
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []):
            messages.error(request, error)
        return redirect(_back(request))
    target = _target(KINDS[kind], request.user, request.POST.get("target", ""))
    file = form.cleaned_data["file"]
    record = services.upload(
        kind=kind, filename=file.name, content=file.read(), user=request.user, target=target
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
        import_rules.visible_imports(request.user).prefetch_related("target").defer("content"), pk=pk
    )
    kind = KINDS.get(record.kind)
    if kind is None:
        raise Http404
    return render(
        request,
        "imports/detail.html",
        {
            "import": record,
            "kind": kind,
            "summary": record.summary,
            "description": kind.describe(record.summary) if record.summary.get("ok") else "",
            "preview": record.summary.get("preview") or {"columns": [], "rows": []},
        },
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
            request, _("Import applied. %(what)s") % {"what": KINDS[record.kind].describe(record.summary)}
        )
    else:
        messages.error(request, _("Nothing was changed: the file has errors."))
    return redirect("imports:detail", pk=pk)


@require(import_rules.can_use_imports)
def example(request, kind: str):
    """An example that fits: the kind's fill-in file of this organisation when it has something to
    fill in (uploaded back unchanged it previews without an error), else the generic example."""
    if kind not in KINDS or not can_import(request.user, kind):
        raise Http404
    found = KINDS[kind]
    if found.fill_in is not None:
        target = None
        if found.target is not None:
            target = found.target.options(request.user).first()
        if found.target is None or target is not None:
            header, rows = found.fill_in(request.user, target)
            if rows:
                return _xlsx(xlsx_bytes(header, rows, kind), f"perfloop-{kind}-example.xlsx")
    return _xlsx(found.example_xlsx(), f"perfloop-{kind}-example.xlsx")


@require(import_rules.can_use_imports)
def fill_in(request, kind: str):
    """The kind's file pre-filled with this organisation's people and indicators (for a target)."""
    found = KINDS.get(kind)
    if found is None or found.fill_in is None or not can_import(request.user, kind):
        raise Http404
    target = _target(found, request.user, request.GET.get("target", ""))
    header, rows = found.fill_in(request.user, target)
    suffix = f"-{target.pk}" if target is not None else ""
    return _xlsx(xlsx_bytes(header, rows, kind), f"perfloop-{kind}{suffix}.xlsx")


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
