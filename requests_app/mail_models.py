"""Emails that reached the IG mailbox (or were uploaded by staff), one row per Message-ID.

The row is written in the same transaction as the case it creates or joins, and its Message-ID
is unique: a message fetched again after a crash (it was committed but not yet moved out of the
inbox) finds its row and is only moved, never logged twice."""

from django.conf import settings
from django.db import models


class InboundEmail(models.Model):
    class Outcome(models.TextChoices):
        NEW_CASE = "new_case", "New case"
        ADDED = "added", "Added to a case"
        AUTO_REPLY = "auto_reply", "Ignored: automatic reply"
        BOUNCE = "bounce", "Ignored: delivery failure"
        LOOP = "loop", "Ignored: sent by this system"

    class Source(models.TextChoices):
        MAILBOX = "mailbox", "IG mailbox"
        UPLOAD = "upload", "Uploaded by staff"

    message_id = models.CharField(max_length=998, unique=True)
    case = models.ForeignKey(
        "requests_app.Case",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="emails",
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    source = models.CharField(max_length=20, choices=Source.choices)
    from_address = models.CharField(max_length=320, blank=True)
    from_name = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    received_at = models.DateTimeField()
    # The message as it arrived, kept as evidence of what the requester sent (cases only).
    raw = models.FileField(upload_to="mail/%Y/%m/", blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "id"]

    def __str__(self):
        return f"{self.from_address}: {self.subject}"
