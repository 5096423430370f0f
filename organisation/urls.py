from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    # The reset email is rendered without context processors, so it is given the council name.
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(
            extra_email_context={"COUNCIL_NAME": settings.COUNCIL_NAME}
        ),
        name="password_reset",
    ),
    path("", include("django.contrib.auth.urls")),
]
