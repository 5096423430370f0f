from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from organisation import views as organisation_views

# A database outage is a 503 page, not a 500 (see organisation/outage.py).
handler500 = "organisation.outage.server_error"

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("healthz", organisation_views.healthz, name="healthz"),
    path("accounts/", include("organisation.urls")),
    path("oidc/", include("organisation.oidc")),
    path("requests/", include("requests_app.urls")),
    path("fees/", include("fees.urls")),
    path("reports/", include("reports.urls")),
    path("breaches/", include("breaches.urls")),
    path("sharing/", include("sharing.urls")),
    path("outbox/", include("workflow.urls_outbox")),
    path("retention/", include("retention.urls")),
    path("search/", include("search.urls")),
    path("privacy/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    # The language switch (Django's set_language: sets the language cookie, back to "next").
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("requests_app.public_urls")),
    path("", include("sharing.public_urls")),
]
