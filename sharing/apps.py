from django.apps import AppConfig


class SharingConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "sharing"
    verbose_name = "Sharing agreements"

    def ready(self):
        # Registers the agreement and DPIA tables with workflow and their access policies.
        from sharing import access, transitions  # noqa: F401
