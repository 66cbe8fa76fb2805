"""The development path: where each position leads and what the next step requires; and one
person's standing against it from their latest published result."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access import audit
from perfloop.access.decorators import require
from perfloop.access.models import PrivateRead
from perfloop.access.policy import is_self
from perfloop.careers import paths, rules, standing
from perfloop.careers.forms import StepForm
from perfloop.careers.models import Step
from perfloop.org.models import Employee

MOST_STEPS = 500


@require(rules.signed_in)
def index(request):
    form = (
        StepForm(request.POST if request.method == "POST" else None)
        if rules.can_set_paths(request.user)
        else None
    )
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            try:
                data = form.cleaned_data
                paths.set_step(by=request.user, position=data["position"], next_position=data["next_position"],
                               requirements=paths.parse_requirements(data["requirements"]))  # fmt: skip
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("The step is saved."))
                return redirect("careers:paths")
    steps = Step.objects.select_related("position", "next_position").prefetch_related("requirements")
    context = {"steps": steps.order_by("position__name", "next_position__name")[:MOST_STEPS], "form": form}
    return render(
        request, "careers/paths.html", context, status=400 if form is not None and form.errors else 200
    )


@require_POST
@require(rules.can_set_paths)
def remove_step(request, pk: int):
    paths.remove_step(by=request.user, step=get_object_or_404(Step, pk=pk))
    messages.success(request, _("The step is taken off the path."))
    return redirect("careers:paths")


@require(rules.signed_in)
def person(request, pk: int):
    """Where the person stands against their next steps: their scores are private, so a read by
    anyone else is logged."""
    employee = Employee.objects.select_related("department", "position").filter(pk=pk).first()
    if employee is None or not rules.can_see_standing(request.user, employee):
        raise Http404
    result = standing.latest_result(employee)
    if result is not None and not is_self(request.user, employee):
        audit.log_reads(request.user, [employee.pk], [PrivateRead.What.RESULT], PrivateRead.Via.PAGE,
                        ref=f"result:{result.pk}")  # fmt: skip
    context = {"employee": employee, "result": result, "steps": standing.standing(employee, result)}
    return render(request, "careers/standing.html", context)
