from django.urls import path

from retention import views

app_name = "retention"

urlpatterns = [
    path("", views.runs, name="runs"),
    path("runs/prepare/", views.run_prepare, name="run_prepare"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/approve/", views.run_approve, name="run_approve"),
    path("items/<int:pk>/remove/", views.item_remove, name="item_remove"),
    path("schedule/", views.schedule, name="schedule"),
    path("schedule/new/", views.rule_edit, name="rule_new"),
    path("schedule/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("schedule/<int:pk>/delete/", views.rule_delete, name="rule_delete"),
    path("holds/", views.holds, name="holds"),
    path("holds/new/<slug:record_type>/<int:pk>/", views.hold_new, name="hold_new"),
    path("holds/<int:pk>/", views.hold_release, name="hold_release"),
    path("log/", views.log, name="log"),
    path("log.csv", views.log_csv, name="log_csv"),
]
