"""The public register (no sign-in), included at the site root by config/urls.py."""

from django.urls import path

from sharing import public_views

app_name = "sharing_public"
urlpatterns = [
    path("sharing-agreements/", public_views.register, name="register"),
    path("sharing-agreements/agreements.csv", public_views.register_csv, name="csv"),
    path("sharing-agreements/agreements.json", public_views.register_json, name="json"),
]
