from django.urls import include, path

from organisation import sign_in, views_notifications, views_two_factor

urlpatterns = [
    # The reset email is rendered without context processors, so it is given the council name.
    path("password_reset/", sign_in.password_reset, name="password_reset"),
    path("two-factor/", views_two_factor.two_factor_verify, name="two_factor_verify"),
    path("two-factor/set-up/", views_two_factor.two_factor_setup, name="two_factor_setup"),
    path(
        "two-factor/backup-codes/",
        views_two_factor.two_factor_backup_codes,
        name="two_factor_backup_codes",
    ),
    path("sign-in-records/", sign_in.sign_in_records, name="sign_in_records"),
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
