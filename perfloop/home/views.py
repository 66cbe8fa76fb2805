from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from perfloop.access import policy
from perfloop.home.registry import sections_for


@login_required
def index(request):
    """One page, one card per section the apps registered for the roles the user holds."""
    return render(
        request,
        "home/index.html",
        {"me": policy.roles_for(request.user).employee, "sections": sections_for(request.user)},
    )
