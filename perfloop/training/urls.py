from django.urls import path

from perfloop.training import views

app_name = "training"
urlpatterns = [
    path("", views.index, name="needs"),
    path("people/", views.people, name="people"),
    path("needs.xlsx", views.export, name="export"),
]
