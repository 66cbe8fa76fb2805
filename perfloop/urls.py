from django.apps import apps
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from perfloop.api.api import api

admin.site.site_header = _("PerfLoop administration")
admin.site.site_title = _("PerfLoop")

# Every app whose AppConfig names a `url_prefix` plugs its pages in (its `urls` module), so a new
# stage adds routes without editing this file.
urlpatterns = [
    path(config.url_prefix, include(f"{config.name}.urls"))
    for config in apps.get_app_configs()
    if getattr(config, "url_prefix", None) is not None
] + [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
