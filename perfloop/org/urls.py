from django.urls import path

from perfloop.org import views

app_name = "org"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("team/", views.team, name="team"),
    path("employees/<int:pk>/", views.employee_detail, name="employee_detail"),
    path("imports/", views.import_list, name="import_list"),
    path("imports/example.xlsx", views.import_example, name="import_example"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/apply/", views.import_apply, name="import_apply"),
]
