from django.contrib import admin
from django.urls import include, path

from organisation import views as organisation_views

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("healthz", organisation_views.healthz, name="healthz"),
    path("accounts/", include("organisation.urls")),
    path("requests/", include("requests_app.urls")),
    path("reports/", include("reports.urls")),
    path("breaches/", include("breaches.urls")),
    path("sharing/", include("sharing.urls")),
    path("admin/", admin.site.urls),
    path("", include("requests_app.public_urls")),
]
