from django.urls import path

from fees import views

app_name = "fees"
urlpatterns = [
    path("case/<int:pk>/notice-preview/", views.notice_preview, name="notice_preview"),
]
