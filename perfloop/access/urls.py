from django.urls import path

from perfloop.access import views

app_name = "access"
urlpatterns = [
    path("changes/", views.changes, name="changes"),
    path("hr/", views.hr_people, name="hr_people"),
    path("hr/name/", views.name_hr, name="name_hr"),
    path("hr/<int:pk>/remove/", views.remove_hr, name="remove_hr"),
    path("people/<int:pk>/reads/", views.reads, name="reads"),
    path("people/<int:pk>/data/", views.personal_data_export, name="personal_data"),
]
