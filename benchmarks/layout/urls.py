from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path

from perfloop.urls import urlpatterns as perfloop_urls


@login_required
def layout(request):
    """The floor under every page: the navigation by role, the language switch, the bell."""
    return render(request, "base.html", {})


urlpatterns = [path("benchmark/layout/", layout), *perfloop_urls]
