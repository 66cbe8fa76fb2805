from django.urls import path

from perfloop.access import views

app_name = "access"
urlpatterns = [
    path("changes/", views.changes, name="changes"),
    path("people/<int:pk>/reads/", views.reads, name="reads"),
    path("people/<int:pk>/data/", views.personal_data_export, name="personal_data"),
]
