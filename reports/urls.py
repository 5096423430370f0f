from django.urls import path

from reports import views

app_name = "reports"
urlpatterns = [
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("dashboard/snapshot.pdf", views.dashboard_pdf, name="dashboard_pdf"),
    path("dashboard/<slug:table>.csv", views.dashboard_csv, name="dashboard_csv"),
    path("cases/<slug:key>/", views.case_list, name="cases"),
    path("cases/<slug:key>.csv", views.case_list_csv, name="cases_csv"),
    path("complaints/<slug:key>/", views.complaint_list, name="complaints"),
    path("complaints/<slug:key>.csv", views.complaint_list_csv, name="complaints_csv"),
    path("quarterly/", views.quarterly, name="quarterly"),
    path("selection.csv", views.selection_csv, name="selection_csv"),
    path("annual/", views.annual, name="annual"),
    path("statistics/<slug:kind>/<slug:table>.csv", views.statistics_csv, name="statistics_csv"),
]
