from django.http import HttpResponse
from django.urls import path

from perfloop.access.decorators import require
from tests.plugin_app.rules import is_hr

app_name = "plugin_app"


@require(is_hr)
def index(request):
    return HttpResponse("plugin stage")


urlpatterns = [path("", index, name="index")]
