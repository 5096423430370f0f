from django.apps import AppConfig


class BreachesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "breaches"
    verbose_name = "Breaches"

    def ready(self):
        # Registers the breach and action policies and the breach workflow (its table).
        from breaches import access, transitions  # noqa: F401
