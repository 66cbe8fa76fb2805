from django.urls import path

from perfloop.api import views

app_name = "tokens"
urlpatterns = [
    path("", views.tokens_page, name="list"),
    path("<int:pk>/revoke/", views.revoke, name="revoke"),
]
