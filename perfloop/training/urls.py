from django.urls import path

from perfloop.training import session_views, views

app_name = "training"
urlpatterns = [
    path("", views.index, name="needs"),
    path("people/", views.people, name="people"),
    path("needs.xlsx", views.export, name="export"),
    path("sessions/", session_views.index, name="sessions"),
    path("sessions/new/", session_views.new, name="session_new"),
    path("sessions/<int:pk>/", session_views.session_page, name="session"),
    path("sessions/<int:pk>/enrol/", session_views.enrol, name="enrol"),
    path("sessions.xlsx", session_views.export, name="sessions_export"),
    path("enrolments/<int:pk>/attendance/", session_views.attendance, name="attendance"),
    path("enrolments/<int:pk>/remove/", session_views.remove, name="enrolment_remove"),
]
