from django.apps import AppConfig


class RequestsAppConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "requests_app"
    verbose_name = "Requests"

    def ready(self):
        # Registers the case policy, the case workflow (its transitions table) and the outbox
        # preparer that renders a letter's PDF.
        from requests_app import (  # noqa: F401
            access,
            complaint_workflow,
            correspondence,
            recompute,
            transitions,
        )

        recompute.connect()
