"""Data-protection complaints (DPA 2018 s164A, from 19 June 2026): a person complains about how
the council handled their personal data; the council acknowledges within 30 days, investigates,
keeps them informed and tells them the outcome with the right to complain to the ICO."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from workflow.models import TimelineEvent, VersionedRecord


class ComplaintStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    INVESTIGATING = "investigating", "Being investigated"
    OUTCOME_SENT = "outcome_sent", "Outcome sent"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"


class ComplaintOutcome(models.TextChoices):
    NONE = "", "Not decided"
    UPHELD = "upheld", "Upheld"
    PARTLY = "partly", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"


class Complaint(VersionedRecord):
    reference = models.CharField(max_length=20, unique=True)
    status = models.CharField(
        max_length=20,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
        db_index=True,
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    channel = models.CharField(max_length=20)
    received_at = models.DateTimeField()
    what_happened = models.TextField()
    # The SAR, breach or other case it concerns, as far as known.
    related_case = models.ForeignKey(
        "requests_app.Case",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    related_breach = models.ForeignKey(
        "breaches.Breach",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    related_reference = models.CharField(
        max_length=50, blank=True, help_text="A breach or other record's reference."
    )
    # From deadlines/ only; empty for complaints received before s164A applied.
    acknowledge_by = models.DateField(null=True, blank=True, db_index=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=ComplaintOutcome.choices, blank=True)
    outcome_text = models.TextField(blank=True)
    outcome_sent_at = models.DateTimeField(null=True, blank=True)
    # When the council finished with it: the outcome sent, then closing (the later wins), or
    # the withdrawal. The retention schedule counts from it (a link added later does not move
    # it, as it would move the last timeline event).
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-received_at"]

    def __str__(self):
        return f"{self.reference}: {self.name}"


class ComplaintEventKind(models.TextChoices):
    LOGGED = "logged", "Logged"
    ACKNOWLEDGE = "acknowledge", "Acknowledged"
    SEND_UPDATE = "send_update", "Progress update sent"
    ADD_NOTE = "add_note", "Investigation note"
    SEND_OUTCOME = "send_outcome", "Outcome sent"
    CLOSE = "close", "Closed"
    WITHDRAW = "withdraw", "Withdrawn"
    DEADLINE_MOVED = "deadline_moved", "Acknowledgement date moved by the calendar"
    LINK = "link", "Linked to a case"


class ComplaintEvent(TimelineEvent):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=40, choices=ComplaintEventKind.choices)

    class Meta(TimelineEvent.Meta):
        pass


class ComplaintCounter(models.Model):
    """Per-year sequence for complaint references (DPC-2026-00001)."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"
