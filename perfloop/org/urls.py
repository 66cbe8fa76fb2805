from django.urls import path

from perfloop.org import views

app_name = "org"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("team/", views.team, name="team"),
    path("employees/<int:pk>/", views.employee_detail, name="employee_detail"),
]
