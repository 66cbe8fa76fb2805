from django.urls import path

from perfloop.directory import oidc, service_signin, settings_views, views

app_name = "directory"
urlpatterns = [
    path("", views.index, name="index"),
    path("sync/", views.queue_sync, name="queue"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("signin/oidc/", oidc.Start.as_view(), name="oidc_start"),
    path("signin/oidc/callback/", oidc.Callback.as_view(), name="oidc_callback"),
    path("signin/<slug:source>/", service_signin.start, name="signin_start"),
    path("signin/<slug:source>/app/", service_signin.in_app, name="signin_in_app"),
    path("signin/<slug:source>/callback/", service_signin.callback, name="signin_callback"),
    path("methods/", settings_views.index, name="methods"),
    path("methods/<slug:source>/", settings_views.edit, name="method"),
]
