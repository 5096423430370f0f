"""Reading notifications to staff: the signed-in user's list, the unread count, marking read.

Notifications are written, and their emails sent, by workflow.notifications and the outbox
(workflow.outbox); organisation only keeps the in-app list, which depends on nothing else."""

from django.db import models
from django.utils import timezone

from organisation.models import Notification

# --- reading ---------------------------------------------------------------------------------


def for_user(user):
    """The user's notifications, unread first, newest first within each."""
    return (
        Notification.objects.filter(recipient=user)
        .annotate(
            unread=models.ExpressionWrapper(
                models.Q(read_at__isnull=True), output_field=models.BooleanField()
            )
        )
        .order_by("-unread", "-created_at", "-id")
    )


def unread_count(user) -> int:
    """One query, remembered on the user object for the rest of the request."""
    if not (user and user.is_authenticated):
        return 0
    cached = getattr(user, "_unread_notifications", None)
    if cached is None:
        cached = Notification.objects.filter(recipient=user, read_at__isnull=True).count()
        user._unread_notifications = cached
    return cached


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )


def mark_all_read(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
