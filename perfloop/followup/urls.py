from django.urls import path

from perfloop.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.due, name="due"),
    path("plans/<int:pk>/checkins/", views.checkin_add, name="checkin_add"),
    path("plans/<int:pk>/readings/", views.reading_add, name="reading_add"),
    path("plans/<int:pk>/readings/<int:reading_id>/confirm/", views.reading_confirm, name="reading_confirm"),
    path("plans/<int:pk>/close/", views.close, name="close"),
    path("plans/<int:pk>/outcome/", views.outcome, name="outcome"),
    path("plans/<int:pk>/outcome/check/", views.outcome_check, name="outcome_check"),
    path("plans/<int:pk>/closure/acknowledge/", views.closure_acknowledge, name="closure_acknowledge"),
    path("candidates/", views.candidates_page, name="candidates"),
    path("lessons/", views.lessons_page, name="lessons"),
    path("plans/<int:pk>/lesson/", views.lesson_add, name="lesson_add"),
]
