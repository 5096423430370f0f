from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search and saved filters"
    default_auto_field = "django.db.models.BigAutoField"
