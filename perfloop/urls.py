from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from perfloop.api.api import api

admin.site.site_header = _("PerfLoop administration")
admin.site.site_title = _("PerfLoop")

urlpatterns = [
    path("", include("perfloop.home.urls")),
    path("accounts/", include("perfloop.accounts.urls")),
    path("org/", include("perfloop.org.urls")),
    path("reviews/", include("perfloop.reviews.urls")),
    path("imports/", include("perfloop.imports.urls")),
    path("access/", include("perfloop.access.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
