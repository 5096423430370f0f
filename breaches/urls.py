from django.urls import path

from breaches import views

app_name = "breaches"
urlpatterns = [path("report/", views.report, name="report")]
