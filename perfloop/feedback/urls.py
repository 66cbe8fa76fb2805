from django.urls import path

from perfloop.feedback import views

app_name = "feedback"
urlpatterns = [
    path("", views.index, name="index"),
    path("cycles/<int:pk>/", views.cycle, name="cycle"),
    path("cycles/<int:pk>/start/<int:employee_id>/", views.start, name="start"),
    path("cycles/<int:pk>/remind/", views.remind, name="remind"),
    path("coach/", views.coach_check, name="coach"),
    path("appeals/", views.appeals, name="appeals"),
    path("template/", views.template_settings, name="template"),
    path("appeals/<int:pk>/resolve/", views.appeal_resolve, name="appeal_resolve"),
    path("<int:pk>/", views.record, name="record"),
    path("<int:pk>/pack/", views.pack, name="pack"),
    path("<int:pk>/schedule/", views.schedule, name="schedule"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/invitation.ics", views.invitation, name="invitation"),
    path("<int:pk>/meeting/", views.meeting, name="meeting"),
    path("<int:pk>/requests/", views.request_add, name="request_add"),
    path("<int:pk>/requests/<int:request_id>/remove/", views.request_remove, name="request_remove"),
    path("<int:pk>/held/", views.held, name="held"),
    path("<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<int:pk>/dispute/", views.dispute, name="dispute"),
    path("<int:pk>/amend/", views.amend, name="amend"),
    path("<int:pk>/reads/", views.reads, name="reads"),
    path("<int:pk>/document/", views.document, name="document"),
    path("<int:pk>/print/", views.print_record, name="print"),
]
