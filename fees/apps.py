from django.apps import AppConfig


class FeesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "fees"
    verbose_name = "Fees"

    def ready(self):
        # Adds the fees actions to the case table (requests_app registers the table first).
        from fees import transitions  # noqa: F401
