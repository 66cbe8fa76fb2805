from django.urls import path

from perfloop.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("language/", views.set_language, name="set_language"),
    path("password/reset/", views.ResetView.as_view(), name="password_reset"),
    path("password/reset/sent/", views.ResetDoneView.as_view(), name="password_reset_done"),
    path("password/reset/<uidb64>/<token>/", views.ResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password/reset/done/", views.ResetCompleteView.as_view(), name="password_reset_complete"),
    path("invitations/", views.invitation_list, name="invitations"),
    path(
        "people/<int:pk>/<str:action>/",
        views.account_action,
        name="account_action",
    ),
    path("invitations/<int:pk>/cancel/", views.cancel_invitation, name="cancel_invitation"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept"),
]
