from django.urls import path

from perfloop.notify import views

app_name = "notify"
urlpatterns = [
    path("", views.inbox_page, name="inbox"),
    path("<int:pk>/open/", views.open_notification, name="open"),
    path("read/", views.read_all, name="read_all"),
    path("settings/", views.settings_page, name="settings"),
    path("deliveries/", views.deliveries, name="deliveries"),
    path("deliveries/<int:pk>/resend/", views.resend, name="resend"),
    path("rules/", views.rules_page, name="rules"),
    path("robots/", views.robots_page, name="robots"),
    path("robots/<int:pk>/test/", views.robot_test, name="robot_test"),
    path("robots/<int:pk>/remove/", views.robot_remove, name="robot_remove"),
]
