from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path

from organisation import views_notifications

urlpatterns = [
    # The reset email is rendered without context processors, so it is given the council name.
    path(
        "password_reset/",
        auth_views.PasswordResetView.as_view(
            extra_email_context={"COUNCIL_NAME": settings.COUNCIL_NAME}
        ),
        name="password_reset",
    ),
    path("notifications/", views_notifications.notification_list, name="notifications"),
    path(
        "notifications/read-all/",
        views_notifications.notification_mark_all_read,
        name="notifications_read_all",
    ),
    path(
        "notifications/<uuid:uuid>/",
        views_notifications.notification_detail,
        name="notification",
    ),
    path("", include("django.contrib.auth.urls")),
]
