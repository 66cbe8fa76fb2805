from django.urls import path

from perfloop.insights import views

app_name = "insights"
urlpatterns = [
    path("outcomes/", views.outcomes_page, name="outcomes"),
    path("outcomes/check/", views.outcomes_check, name="outcomes_check"),
    path("lessons/", views.lessons_page, name="lessons"),
    path("team/", views.team_report, name="team"),
    path("team/trends/", views.team_trends, name="team_trends"),
    path("departments/", views.departments_page, name="departments"),
    path("plans/<int:pk>/lesson/", views.lesson_add, name="lesson_add"),
]
