from django.urls import path

from fees import views

app_name = "fees"
urlpatterns = [
    path("register/", views.fees_register, name="register"),
    path("case/<int:pk>/notice-preview/", views.notice_preview, name="notice_preview"),
]
