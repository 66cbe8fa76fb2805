"""The pages that draft and start a team plan (the rest of a team plan's pages are the plan's own)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access.decorators import require
from perfloop.home.service_calls import form_errors, run
from perfloop.org.models import Department
from perfloop.plans import rules, selectors, teams
from perfloop.plans.forms import TeamPlanForm
from perfloop.reviews.rules import cycles_for


@require_POST
@require(rules.can_see_team_plans)
def team_new(request):
    """A team plan drafted on a common problem of the team report (the report's own form)."""
    form = TeamPlanForm(request.POST, departments=Department.objects.all(), cycles=cycles_for(request.user))
    if not form.is_valid():
        return HttpResponseBadRequest(form_errors(form))
    data = form.cleaned_data
    try:
        plan = teams.draft(
            by=request.user, department=data["department"], cycle=data["cycle"], indicator=data["indicator"],
            today=timezone.localdate(),
        )  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        back = reverse("insights:team")
        return redirect(
            f"{back}?{urlencode({'department': data['department'].pk, 'cycle': data['cycle'].pk})}"
        )
    messages.success(request, _("Draft team plan created. Add the actions and who does them, then start it."))
    return redirect(plan)


@require_POST
def start(request, pk: int):
    plan = selectors.plan_for(request.user, pk)
    if plan is None:
        raise Http404
    run(request, lambda: teams.start(plan=plan, by=request.user), _("The team plan is under way."))
    return redirect(plan)
