from django.apps import AppConfig


class RequestsAppConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "requests_app"
    verbose_name = "Requests"

    def ready(self):
        from requests_app import (  # noqa: F401 - registers the case policy
            access,
            correspondence,  # noqa: F401 - registers the letter PDF preparer
            recompute,
        )

        recompute.connect()
