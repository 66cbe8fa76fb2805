from django.urls import path

from perfloop.careers import path_views, views

app_name = "careers"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/<int:employee>/", views.new, name="new"),
    path("mine/", views.mine, name="mine"),
    path("<int:pk>/", views.dossier_page, name="dossier"),
    path("<int:pk>/recommend/", views.recommend, name="recommend"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/communicate/", views.communicate, name="communicate"),
    path("<int:pk>/document/", views.document, name="document"),
    path("paths/", path_views.index, name="paths"),
    path("paths/<int:pk>/remove/", path_views.remove_step, name="step_remove"),
    path("standing/<int:pk>/", path_views.person, name="standing"),
]
