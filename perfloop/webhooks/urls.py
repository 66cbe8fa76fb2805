from django.urls import path

from perfloop.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("", views.webhook_list, name="list"),
    path("<int:pk>/", views.webhook_detail, name="detail"),
    path("<int:pk>/switch/", views.webhook_switch, name="switch"),
    path("<int:pk>/remove/", views.webhook_remove, name="remove"),
    path("deliveries/<int:pk>/resend/", views.delivery_resend, name="resend"),
]
