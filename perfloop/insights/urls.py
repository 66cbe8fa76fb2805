from django.urls import path

from perfloop.insights import views

app_name = "insights"
urlpatterns = [
    path("outcomes/", views.outcomes_page, name="outcomes"),
    path("lessons/", views.lessons_page, name="lessons"),
    path("plans/<int:pk>/lesson/", views.lesson_add, name="lesson_add"),
]
