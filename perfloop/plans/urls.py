from django.urls import path

from perfloop.plans import team_pages, views

app_name = "plans"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.new, name="new"),
    path("parse/", views.parse, name="parse"),
    path("team/new/", team_pages.team_new, name="team_new"),
    path("bulk/", views.bulk, name="bulk"),
    path("bulk/<int:run_id>/undo/", views.bulk_undo, name="bulk_undo"),
    path("templates/", views.templates, name="templates"),
    path("templates/<int:template_id>/", views.template_edit, name="template_edit"),
    path("templates/<int:template_id>/delete/", views.template_delete, name="template_delete"),
    path("<int:pk>/", views.plan, name="plan"),
    path("<int:pk>/edit/", views.update, name="update"),
    path("<int:pk>/goals/", views.goal_add, name="goal_add"),
    path("<int:pk>/goals/<int:goal_id>/", views.goal_update, name="goal_update"),
    path("<int:pk>/goals/<int:goal_id>/remove/", views.goal_remove, name="goal_remove"),
    path("<int:pk>/actions/", views.action_add, name="action_add"),
    path("<int:pk>/actions/<int:action_id>/status/", views.action_status, name="action_status"),
    path("<int:pk>/support/", views.support_add, name="support_add"),
    path("<int:pk>/support/<int:support_id>/status/", views.support_status, name="support_status"),
    path("<int:pk>/milestones/", views.milestone_add, name="milestone_add"),
    path("<int:pk>/<str:kind>/<int:item_id>/remove/", views.item_remove, name="item_remove"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/start/", views.start, name="start"),
    path("<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/comment/", views.comment, name="comment"),
    path("<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<int:pk>/adjustments/acknowledge/", views.adjustments_acknowledge, name="adjustments_acknowledge"),
    path("<int:pk>/print/", views.print_plan, name="print"),
    path("<int:pk>/document/", views.document, name="document"),
    path("<int:pk>/checkins.ics", views.checkins, name="checkins"),
]
