"""The page that drafts a team plan from the team report (the rest of a team plan's pages are a plan's own)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from perfloop.access.decorators import require
from perfloop.home.service_calls import form_errors
from perfloop.org.models import Department
from perfloop.plans import rules, teams
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
