"""What every record type that changes state shares: a version for optimistic concurrency and a
typed timeline (abstract: the concrete models live in their own apps: a case, a breach, an
agreement), and the one outbox every outgoing email goes through."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class VersionedRecord(models.Model):
    """A record changed only through `workflow.engine.apply()`, which adds one to `version` on
    every change. Forms carry the version they were opened at, so a form opened before someone
    else's change is refused instead of silently overwriting it."""

    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True


class TimelineEvent(models.Model):
    """One line of a record's human timeline: who did what, when. Concrete subclasses add the
    foreign key to their record and give `kind` its choices (the actions of their table plus
    the few events that are not actions, such as "logged")."""

    kind = models.CharField(max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    message = models.TextField()

    class Meta:
        abstract = True
        ordering = ["-at", "-id"]

    def __str__(self):
        return self.message


class OutgoingEmail(models.Model):
    """One email leaving the council, whatever caused it (a letter to a requester, a
    notification to staff). Written in the transaction that causes it; sent by the worker
    through the delivery protocol in `workflow.outbox`, which also explains the states."""

    class State(models.TextChoices):
        HELD = "held", "Waiting for its attachment"
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        UNCERTAIN = "uncertain", "Delivery uncertain"
        FAILED = "failed", "Not sent"

    class Resolution(models.TextChoices):
        MARKED_SENT = "marked_sent", "Marked as sent"
        SENT_AGAIN = "sent_again", "Sent again"

    # The Message-ID is derived from it, so every handover of this email carries the same one.
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    to = models.EmailField()
    reply_to = models.EmailField(blank=True)
    subject = models.CharField(max_length=300)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    # Attachments by reference, read when the email is sent: a stored file (a letter's PDF)
    # and/or a provider registered under a name that builds them from `data`.
    attachment = models.FileField(upload_to="outbox/%Y/%m/", blank=True, max_length=255)
    attachment_filename = models.CharField(max_length=200, blank=True)
    attachment_provider = models.CharField(max_length=100, blank=True)
    # A HELD email names the registered preparer that makes what it still needs (a PDF).
    preparer = models.CharField(max_length=100, blank=True)
    data = models.JSONField(default=dict, blank=True)
    # What the email belongs to, so a letter or a notification can show its delivery state.
    about_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    about_id = models.PositiveBigIntegerField(null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")

    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # IG's decision on an uncertain or failed email, and who made it.
    resolution = models.CharField(max_length=20, choices=Resolution.choices, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["about_type", "about_id"], name="outbox_about"),
            # The sweep's queue, oldest first, and IG's list: small partial indexes.
            models.Index(
                fields=["created_at", "id"],
                condition=models.Q(state__in=["held", "pending", "sending"]),
                name="outbox_waiting",
            ),
            models.Index(
                fields=["created_at", "id"],
                condition=models.Q(state__in=["uncertain", "failed"]),
                name="outbox_problems",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.to} ({self.state})"

    @property
    def message_id(self) -> str:
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
        return f"<outbox-{self.uuid}@{domain}>"

    @property
    def needs_attention(self) -> bool:
        return self.state in (self.State.UNCERTAIN, self.State.FAILED)


class OutgoingAttachment(models.Model):
    """A further file an email carries, by reference to a file already stored (a released
    document), read when the email is sent. Rows are written in the transaction that queues
    the email, so an email is never sent without the attachments it was written with; they go
    after the email's own `attachment` (the letter's PDF), in `position` order."""

    email = models.ForeignKey(OutgoingEmail, on_delete=models.CASCADE, related_name="attachments")
    position = models.PositiveSmallIntegerField()
    # The stored file's name in the default storage (shared with the document it came from:
    # nothing is copied, and documents are never deleted while a case is kept).
    file = models.FileField(max_length=255)
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)

    class Meta:
        ordering = ["email", "position"]
        constraints = [
            models.UniqueConstraint(fields=["email", "position"], name="outbox_attachment_order")
        ]

    def __str__(self):
        return self.filename
