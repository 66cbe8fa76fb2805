from django.urls import path

from perfloop.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("upload/<slug:kind>/", views.upload, name="upload"),
    path("examples/<slug:kind>.xlsx", views.example, name="example"),
    path("fill-in/<slug:kind>.xlsx", views.fill_in, name="fill_in"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/apply/", views.apply, name="apply"),
]
