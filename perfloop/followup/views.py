from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.followup import rules, services
from perfloop.followup.forms import CheckInForm, ReadingForm
from perfloop.followup.models import Reading
from perfloop.plans import selectors


def _plan(request, pk: int):
    plan = selectors.plan_for(request.user, pk)
    if plan is None:
        raise Http404
    return plan


def _errors(form) -> str:
    return " ".join(
        f"{form.fields[name].label}: {' '.join(errors)}" if name in form.fields else " ".join(errors)
        for name, errors in form.errors.items()
    )


def _run(request, form, write, success: str) -> None:
    """The service on a valid form; its refusal, or the form's errors, as a message in the user's language."""
    if not form.is_valid():
        messages.error(request, _errors(form))
        return
    try:
        write(form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, success)


@require_POST
def checkin_add(request, pk: int):
    plan = _plan(request, pk)
    if not rules.can_record(request.user, plan):
        raise PermissionDenied
    form = CheckInForm(request.POST, goals=list(plan.goals.all()))

    def write(data):
        texts = {k: data[k] for k in services.CHECKIN_TEXTS}
        services.record_checkin(
            plan=plan, by=request.user, held_on=data["held_on"], kind=data["kind"], today=timezone.localdate(),
            readings=form.readings(), on_track=data["on_track"], **texts,
        )  # fmt: skip

    _run(request, form, write, _("Check-in recorded."))
    return redirect(plan)


@require_POST
def reading_add(request, pk: int):
    plan = _plan(request, pk)
    if not rules.can_add_reading(request.user, plan):
        raise PermissionDenied
    goals = list(plan.goals.all())
    form = ReadingForm(request.POST, goals=goals)

    def write(data):
        goal = next(g for g in goals if g.pk == data["goal"])
        services.add_reading(
            goal=goal, by=request.user, taken_on=data["taken_on"], value=data["value"], note=data["note"],
            today=timezone.localdate(),
        )  # fmt: skip

    _run(request, form, write, _("Reading recorded."))
    return redirect(plan)


@require_POST
def reading_confirm(request, pk: int, reading_id: int):
    plan = _plan(request, pk)
    reading = get_object_or_404(
        Reading.objects.select_related("goal__plan__employee"), goal__plan=plan, pk=reading_id
    )
    services.confirm_reading(reading=reading, by=request.user)
    messages.success(request, _("Reading confirmed."))
    return redirect(plan)
