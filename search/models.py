"""A person's own saved filters for a list page: a name and the list's query string."""

from django.conf import settings
from django.db import models


class SavedFilter(models.Model):
    class Page(models.TextChoices):
        QUEUE = "queue", "Request queue"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters"
    )
    page = models.CharField(max_length=20, choices=Page.choices, default=Page.QUEUE)
    name = models.CharField(max_length=80)
    query = models.CharField(max_length=1000, help_text="The list's GET parameters.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "name"], name="one_filter_name_per_user"
            )
        ]

    def __str__(self):
        return self.name
