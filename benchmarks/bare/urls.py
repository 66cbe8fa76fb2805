from django.shortcuts import render
from django.urls import path

from benchmarks.bare.models import Item


def items(request):
    return render(request, "bare/items.html", {"items": Item.objects.order_by("id")[:20]})


urlpatterns = [path("", items)]
