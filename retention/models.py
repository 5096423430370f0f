"""The retention schedule, legal holds and disposal runs.

A disposal run is prepared by the worker, reviewed and approved by the IG manager, then carried
out by the worker item by item. Its items are kept for ever: the items carried out are the
disposal log (what kind of record, its reference, which rule, when, approved by whom). They
hold no personal data: a reference is a council number, not a name.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from deadlines.retention import MAX_RETENTION_MONTHS, period_label


class RecordType(models.TextChoices):
    FOI_EIR = "foi_eir", "FOI / EIR request"
    SAR = "sar", "Subject access request"
    OTHER_RIGHTS = "other_rights", "Other rights request (and unclassified or invalid requests)"
    INTERNAL_REVIEW = "internal_review", "Internal review"
    DP_COMPLAINT = "dp_complaint", "Data-protection complaint"
    BREACH = "breach", "Personal data breach"
    SHARING_AGREEMENT = "sharing_agreement", "Information-sharing agreement"
    DPIA = "dpia", "Data protection impact assessment (DPIA)"
    # Bulk types: disposed of as a batch per run ("rows recorded before ..."), not one by one.
    SIGN_IN = "sign_in", "Sign-in records"
    NOTIFICATION = "notification", "In-app notification"
    OUTBOX_EMAIL = "outbox_email", "Sent email (outbox)"


class Trigger(models.TextChoices):
    CLOSURE = "closure", "Closure"
    LAST_ACTION = "last_action", "Last action"
    AGREEMENT_END = "agreement_end", "Agreement end"
    RECORDED = "recorded", "Recorded"
    SENT = "sent", "Sent"


class Action(models.TextChoices):
    ANONYMISE = "anonymise", "Anonymise (keep for statistics, personal content removed)"
    DELETE = "delete", "Delete"
    REVIEW = "review", "Review (IG decides; nothing is changed)"


class RetentionRule(models.Model):
    record_type = models.CharField(max_length=30, choices=RecordType.choices)
    # Empty: every outcome without a rule of its own.
    outcome = models.CharField(max_length=30, blank=True)
    trigger = models.CharField(max_length=20, choices=Trigger.choices)
    months = models.PositiveIntegerField(
        help_text=f"Whole calendar months, 1 to {MAX_RETENTION_MONTHS}."
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    source = models.TextField(blank=True, help_text="Where the period comes from.")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        ordering = ["record_type", "outcome"]
        constraints = [
            models.UniqueConstraint(fields=["record_type", "outcome"], name="one_rule_per_outcome")
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """Written into the disposal log as it was when the record was disposed of."""
        outcome = f" ({self.outcome})" if self.outcome else ""
        return (
            f"{self.get_record_type_display()}{outcome}: {self.get_trigger_display().lower()} "
            f"+ {period_label(self.months)}, {self.action}"
        )


class LegalHold(models.Model):
    """A record that must not be disposed of (litigation, an ICO investigation, a live
    complaint) until the hold is released; the hold itself is reviewed on `review_on`."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    reference = models.CharField(max_length=50)
    reason = models.TextField()
    review_on = models.DateField(db_index=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(default=timezone.now)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    release_reason = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["review_on", "id"]
        indexes = [
            models.Index(
                fields=["content_type", "object_id"],
                condition=models.Q(released_at__isnull=True),
                name="hold_active",
            )
        ]

    def __str__(self):
        return f"Hold on {self.reference}"

    @property
    def is_active(self) -> bool:
        return self.released_at is None

    @property
    def review_due(self) -> bool:
        return self.is_active and self.review_on <= timezone.localdate()


class DisposalRun(models.Model):
    class State(models.TextChoices):
        PREPARED = "prepared", "Waiting for approval"
        APPROVED = "approved", "Approved: being disposed of"
        DONE = "done", "Done"

    state = models.CharField(max_length=10, choices=State.choices, default=State.PREPARED)
    as_of = models.DateField(help_text="Records due for disposal on or before this day.")
    prepared_at = models.DateTimeField(default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-prepared_at", "-id"]
        constraints = [
            # With the check in services.run_prepare: one open run at a time (two workers
            # preparing at once cannot both insert a prepared run), so two runs never hold the
            # same record.
            models.UniqueConstraint(
                fields=["state"],
                condition=models.Q(state__in=["prepared", "approved"]),
                name="one_open_disposal_run",
            )
        ]

    def __str__(self):
        return f"Disposal run {self.pk} ({self.as_of})"


class DisposalItem(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "To be disposed of"
        REMOVED = "removed", "Removed from the run by IG"
        # Claimed inside the disposal's transaction; never seen committed.
        DISPOSING = "disposing", "Being disposed of"
        # The database part is committed; the files listed are still to be deleted.
        FILES = "files", "Files being deleted"
        DONE = "done", "Disposed of"
        HELD = "held", "Not disposed of: under legal hold"
        GONE = "gone", "Not found: already deleted"

    run = models.ForeignKey(DisposalRun, on_delete=models.PROTECT, related_name="items")
    record_type = models.CharField(max_length=30, choices=RecordType.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    reference = models.CharField(max_length=50)
    rule = models.ForeignKey(
        RetentionRule, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rule_label = models.CharField(max_length=300)
    action = models.CharField(max_length=20, choices=Action.choices)
    trigger_on = models.DateField()
    due_on = models.DateField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    removal_reason = models.TextField(blank=True)
    # Storage names of the files still to delete (FILES state); empty once they are gone.
    files = models.JSONField(default=list, blank=True)
    disposed_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # A batch of a bulk type (sign-in records, notifications, sent emails): object_id is 0, the
    # rows are those of content_type recorded before `cutoff` (trigger_on .. trigger_until),
    # `batch_count` of them when the run was prepared; `disposed_count` counts as they go.
    cutoff = models.DateTimeField(null=True, blank=True)
    trigger_until = models.DateField(null=True, blank=True)
    batch_count = models.PositiveIntegerField(default=1)
    disposed_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["record_type", "due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "content_type", "object_id"], name="record_once_per_run"
            )
        ]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="disposal_item_record"),
            models.Index(fields=["run", "state"], name="disposal_item_run_state"),
        ]

    def __str__(self):
        return f"{self.reference} ({self.get_state_display()})"

    @property
    def is_batch(self) -> bool:
        return self.cutoff is not None
