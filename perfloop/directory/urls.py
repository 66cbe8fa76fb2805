from django.urls import path

from perfloop.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.index, name="index"),
    path("sync/", views.queue_sync, name="queue"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
]
