from django.urls import path

from perfloop.reviews import views

app_name = "reviews"
urlpatterns = [
    path("cycles/", views.cycle_list, name="cycle_list"),
    path("cycles/<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/status/", views.cycle_status, name="cycle_status"),
    path("cycles/<int:pk>/status/<str:to>/", views.cycle_status_confirm, name="cycle_status_confirm"),
    path("cycles/<int:pk>/score/", views.cycle_score, name="cycle_score"),
    path("cycles/<int:pk>/settings/", views.cycle_settings, name="cycle_settings"),
    path("cycles/<int:pk>/team/", views.team, name="team"),
    path("cycles/<int:pk>/team.xlsx", views.team_export, name="team_export"),
    path("cycles/<int:pk>/people/<int:employee_id>/", views.entry, name="entry"),
    path("templates/", views.template_list, name="template_list"),
    path("templates/new/", views.template_edit, name="template_new"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("my-reviews/", views.my_reviews, name="my_reviews"),
    path("results/<int:pk>/", views.result_detail, name="result_detail"),
    path("results/<int:pk>/calibration/", views.result_calibrate, name="result_calibrate"),
    path("results/<int:pk>/root-causes/", views.result_root_cause, name="result_root_cause"),
    path(
        "results/<int:pk>/root-causes/<int:cause_id>/remove/",
        views.result_root_cause_remove,
        name="result_root_cause_remove",
    ),
]
