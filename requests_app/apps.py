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
            disclosure,
            recompute,
            transitions,
        )

        recompute.connect()
        # The public disclosure log's cached pages are forgotten after any change to a case.
        if disclosure.forget_cached_pages not in transitions.CASES.after_commit:
            transitions.CASES.after_commit.append(disclosure.forget_cached_pages)
