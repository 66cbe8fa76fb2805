from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access.decorators import require
from perfloop.directory import rules, services, sources
from perfloop.directory.models import Source, SyncRun
from perfloop.home.service_calls import run


@require(rules.can_sync)
def index(request):
    """The directories configured, a preview or a sync on demand, and every run with its counts."""
    configured = [(key, Source(key).label, shown) for key, shown in sources.configured().items()]
    page = Paginator(SyncRun.objects.select_related("by__employee"), 20).get_page(request.GET.get("page"))
    return render(request, "directory/index.html", {"configured": configured, "page": page})


@require_POST
@require(rules.can_sync)
def queue_sync(request):
    apply = request.POST.get("apply") == "1"
    source = request.POST.get("source", "")
    done = (
        _("Sync queued: it runs in the background; this page shows it when done.")
        if apply
        else _("Preview queued: it runs in the background; this page shows it when done.")
    )
    run(request, lambda: services.queue(source=source, apply=apply, by=request.user), done)
    return redirect("directory:index")


@require(rules.can_sync)
def run_detail(request, pk: int):
    found = get_object_or_404(SyncRun.objects.select_related("by__employee"), pk=pk)
    errors = found.errors[:200]
    return render(
        request,
        "directory/run.html",
        {"run": found, "errors": errors, "more": len(found.errors) - len(errors)},
    )
