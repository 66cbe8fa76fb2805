from django.urls import path

from perfloop.rounds import views

app_name = "rounds"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("<int:pk>/", views.round_page, name="round"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/remind/", views.remind, name="remind"),
    path("<int:pk>/nominations/", views.nominations, name="nominations"),
    path("<int:pk>/nominate/", views.nominate, name="nominate"),
    path("<int:pk>/people/", views.people, name="people"),
    path("nominations/<int:pk>/decide/", views.decide, name="decide"),
    path("inbox/", views.inbox, name="inbox"),
    path("forms/<int:pk>/", views.form, name="form"),
    path("forms/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("coach/", views.coach_check, name="coach"),
]
