"""Subject access under the Data (Use and Access) Act 2025.

- The clock stops for clarification only when the council reasonably needs it to identify the
  information or the processing the request is about (UK GDPR Art 12A as inserted by the DUAA):
  each pause records what about the information or processing needed clarifying.
- The search need only be reasonable and proportionate (DPA 2018 s45 / UK GDPR Art 15(1A)):
  the council records what it searched and what it did not search, each with its reason, and
  the IG manager sees that record before anything is released.
"""

from django.conf import settings
from django.db import models


class ClarificationConcerns(models.TextChoices):
    INFORMATION = "information", "Which personal information the requester wants"
    PROCESSING = "processing", "Which processing (use of their data) the request is about"
    PERIOD = "period", "The period or dates the information covers"
    DEALINGS = "dealings", "Which service or dealings with the council it concerns"


class SarClarification(models.Model):
    """One pause of a data-protection request's clock for clarification, with its reason."""

    case = models.ForeignKey(
        "requests_app.Case", on_delete=models.CASCADE, related_name="sar_clarifications"
    )
    asked_on = models.DateField()
    concerns = models.CharField(max_length=20, choices=ClarificationConcerns.choices)
    reason = models.TextField()
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-asked_on", "-id"]

    def __str__(self):
        return f"{self.get_concerns_display()}: {self.reason}"


class SarSearch(models.Model):
    """One line of the search record: a system or set of records searched, or deliberately not
    searched, and why."""

    case = models.ForeignKey(
        "requests_app.Case", on_delete=models.CASCADE, related_name="sar_searches"
    )
    searched = models.BooleanField()
    place = models.CharField("System or records", max_length=200)
    reason = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["-searched", "id"]

    def __str__(self):
        return f"{'Searched' if self.searched else 'Not searched'}: {self.place}"
