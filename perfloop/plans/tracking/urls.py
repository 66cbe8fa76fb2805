from django.urls import path
from django.views.generic import RedirectView

from perfloop.plans.tracking import views

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
    # Where the outcome lists and the lessons were before the insights app had them.
    path(
        "candidates/",
        RedirectView.as_view(pattern_name="insights:outcomes", query_string=True),
        name="moved_outcomes",
    ),
    path(
        "lessons/",
        RedirectView.as_view(pattern_name="insights:lessons", query_string=True),
        name="moved_lessons",
    ),
]
