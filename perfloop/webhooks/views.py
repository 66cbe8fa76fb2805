from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access.decorators import require
from perfloop.home.service_calls import form_errors, run
from perfloop.notify.registry import EVENT_TYPES
from perfloop.webhooks import rules, selectors, services
from perfloop.webhooks.forms import WebhookForm
from perfloop.webhooks.models import WebhookDelivery

SHOWN_ONCE = "webhook_secret"


@require(rules.can_manage)
def webhook_list(request):
    """The webhooks and a form to add one; a new one's secret is shown here once."""
    form = WebhookForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            made = []
            if run(
                request,
                lambda: made.append(services.add(by=request.user, **form.cleaned_data)),
                _("Webhook added."),
            ):
                request.session[SHOWN_ONCE] = [made[0].pk, made[0].secret]
                return redirect("webhooks:list")
        else:
            messages.error(request, form_errors(form))
        status = 400  # refused: the form comes back with what was typed
    shown = request.session.pop(SHOWN_ONCE, None)
    hooks = list(selectors.webhooks())
    for hook in hooks:
        hook.event_labels = [EVENT_TYPES[e].label for e in hook.events if e in EVENT_TYPES]
    context = {"hooks": hooks, "form": form, "shown": shown}
    return render(request, "webhooks/list.html", context, status=status)


@require(rules.can_manage)
def webhook_detail(request, pk: int):
    """A webhook's deliveries, newest first, 50 a page, with the receiver's answers."""
    hook = get_object_or_404(selectors.webhooks(), pk=pk)
    status = request.GET.get("status", "")
    page = Paginator(selectors.deliveries(hook, status), 50).get_page(request.GET.get("page"))
    context = {"hook": hook, "page": page, "status": status, "statuses": WebhookDelivery.Status.choices}
    return render(request, "webhooks/detail.html", context)


@require_POST
@require(rules.can_manage)
def webhook_switch(request, pk: int):
    hook = get_object_or_404(selectors.webhooks(), pk=pk)
    services.switch(webhook=hook, by=request.user, active=not hook.active)
    messages.success(request, _("Webhook switched on.") if hook.active else _("Webhook switched off."))
    return redirect("webhooks:list")


@require_POST
@require(rules.can_manage)
def webhook_remove(request, pk: int):
    hook = get_object_or_404(selectors.webhooks(), pk=pk)
    services.remove(webhook=hook, by=request.user)
    messages.success(request, _("Webhook removed."))
    return redirect("webhooks:list")


@require_POST
@require(rules.can_manage)
def delivery_resend(request, pk: int):
    delivery = get_object_or_404(WebhookDelivery.objects.select_related("webhook"), pk=pk)
    run(request, lambda: services.resend(delivery=delivery, by=request.user), _("Queued to be sent again."))
    return redirect("webhooks:detail", delivery.webhook_id)
