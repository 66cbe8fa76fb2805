from django.urls import path

from perfloop.followup import views

app_name = "followup"
urlpatterns = [
    path("", views.due, name="due"),
    path("plans/<int:pk>/checkins/", views.checkin_add, name="checkin_add"),
    path("plans/<int:pk>/readings/", views.reading_add, name="reading_add"),
    path("plans/<int:pk>/readings/<int:reading_id>/confirm/", views.reading_confirm, name="reading_confirm"),
]
