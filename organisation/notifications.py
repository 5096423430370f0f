"""Notifications to staff: a list in the app and an email for each, sent through an outbox.

Writing: `notify()` runs inside the caller's transaction (an escalation, see
organisation.escalations). It stores one Notification per recipient with the text already
rendered, and asks the worker to send the emails once the transaction has committed. If the
broker cannot take that request the rows simply wait: `send_pending()`, run every few minutes
by beat, sends whatever is still unsent.

Sending: `send()` locks the row (SELECT ... FOR UPDATE SKIP LOCKED), hands the email to the mail
server and stamps `emailed_at`, all in one transaction. Therefore:

- two workers never send the same email: the second skips the locked row and, once the first
  commits, no longer selects it;
- an email the mail server refuses is not stamped; the error is recorded and the outbox sweep
  tries again, up to MAX_EMAIL_ATTEMPTS times;
- the only window left is a worker killed after the mail server accepted the message and
  before the stamp committed. The row is then sent again, with the same Message-ID (derived
  from the notification's uuid), which mail clients and relays treat as the same message. We
  prefer that to stamping and committing before sending, which closes the window by losing the
  email instead: a missing escalation is worse than a repeated one.
"""

import logging
from collections.abc import Callable, Iterable
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from organisation.models import Escalation, Notification, User

logger = logging.getLogger(__name__)

MAX_EMAIL_ATTEMPTS = 10
# An attachment that cannot be made (a report that fails to render) must not stop the email for
# good: after this many failed attempts it goes without the attachment.
ATTACHMENT_ATTEMPTS = 3

# Attachments are made when an email is sent, not stored with the notification: a provider
# registered under a name builds them from `notification.data`. Apps that attach reports
# register theirs (see requests_app.sweeps); an unknown name sends the email without one.
Attachment = tuple[str, bytes, str]  # file name, content, MIME type
AttachmentProvider = Callable[[Notification], list[Attachment]]
_attachment_providers: dict[str, AttachmentProvider] = {}


def register_attachment(name: str, provider: AttachmentProvider) -> None:
    _attachment_providers[name] = provider


# --- writing ---------------------------------------------------------------------------------


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


def one_line(text: str, limit: int = 300) -> str:
    # Mail headers cannot carry a line break, and a typed case title may contain one.
    return " ".join(str(text).split())[:limit]


def notify(
    *,
    recipients: Iterable[tuple[User, str]],
    kind: str,
    subject: str,
    template: str,
    context: dict,
    escalation: Escalation | None = None,
    link_url: str = "",
    link_object: models.Model | None = None,
    data: dict | None = None,
) -> list[Notification]:
    """Write a notification for each (user, why they are told) and queue its email.

    `template` names `templates/emails/<template>.txt` and `.html`; both get `context` plus the
    recipient, why they are told and the link to open the notification. Call inside a
    transaction: the emails are queued only when it commits.
    """
    link_type = ContentType.objects.get_for_model(link_object) if link_object else None
    rows = []
    for user, why in recipients:
        row = Notification(
            recipient=user,
            escalation=escalation,
            kind=kind,
            subject=one_line(subject),
            reason=one_line(why, 500),
            link_url=link_url,
            link_content_type=link_type,
            link_object_id=link_object.pk if link_object else None,
            data=data or {},
            email_to=user.email,
        )
        row.body_text, row.body_html = render(template, row, context)
        rows.append(row)
    Notification.objects.bulk_create(rows)
    pending = [row.pk for row in rows if row.email_to]
    if pending:
        transaction.on_commit(partial(queue_send, pending))
    return rows


def render(template: str, notification: Notification, context: dict) -> tuple[str, str]:
    full = {
        **context,
        "notification": notification,
        "recipient": notification.recipient,
        "subject": notification.subject,
        "reason": notification.reason,
        "open_url": absolute_url(reverse("notification", args=[notification.uuid])),
        "council_name": settings.COUNCIL_NAME,
        "site_url": settings.SITE_URL,
    }
    text = render_to_string(f"emails/{template}.txt", full).strip() + "\n"
    html = render_to_string(f"emails/{template}.html", full)
    return text, html


def queue_send(notification_ids: list[int]) -> None:
    from organisation.tasks import send_notification

    for notification_id in notification_ids:
        try:
            send_notification.delay(notification_id)
        except Exception:  # the broker is down: send_pending will send it
            logger.warning(
                "could not queue notification %s; the outbox sweep will send it", notification_id
            )


# --- sending ---------------------------------------------------------------------------------


def message_id(notification: Notification) -> str:
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<notification-{notification.uuid}@{domain}>"


def _email(notification: Notification) -> EmailMultiAlternatives:
    email = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notification.email_to],
        headers={"Message-ID": message_id(notification)},
    )
    email.attach_alternative(notification.body_html, "text/html")
    provider_name = notification.data.get("attachment")
    if provider_name and notification.email_attempts >= ATTACHMENT_ATTEMPTS:
        logger.warning(
            "notification %s: sending without its attachment %r after %s failed attempts",
            notification.pk,
            provider_name,
            notification.email_attempts,
        )
    elif provider_name:
        provider = _attachment_providers.get(provider_name)
        if provider is None:
            logger.info(
                "notification %s: no attachment provider %r; sending without it",
                notification.pk,
                provider_name,
            )
        else:
            for name, content, mimetype in provider(notification):
                email.attach(name, content, mimetype)
    return email


def send(notification_id: int) -> bool:
    """Email one notification if it has not been emailed. Safe to call twice or from two
    workers at once. Returns True if this call sent it."""
    with transaction.atomic():
        notification = (
            # of=("self",): lock the notification only. Locking the joined user row too would
            # make a second worker skip every other email to the same person meanwhile.
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .exclude(email_to="")
            .first()
        )
        if notification is None:
            return False
        try:
            _email(notification).send()
        except Exception as error:
            # Recorded rather than raised, so the count of attempts survives; the outbox sweep
            # tries again later.
            notification.email_attempts += 1
            notification.email_error = one_line(f"{type(error).__name__}: {error}", 500)
            notification.save(update_fields=["email_attempts", "email_error"])
            logger.error(
                "could not email notification %s (escalation %s) to user %s, attempt %s: %s",
                notification.pk,
                notification.escalation_id,
                notification.recipient_id,
                notification.email_attempts,
                notification.email_error,
            )
            return False
        notification.emailed_at = timezone.now()
        notification.email_error = ""
        notification.save(update_fields=["emailed_at", "email_error"])
    return True


def pending():
    return Notification.objects.filter(
        emailed_at__isnull=True, email_attempts__lt=MAX_EMAIL_ATTEMPTS
    ).exclude(email_to="")


def send_pending() -> int:
    """The outbox sweep: send every notification whose email has not gone yet."""
    sent = 0
    for notification_id in pending().order_by("created_at", "id").values_list("pk", flat=True):
        try:
            sent += send(notification_id)
        except Exception:  # one bad row must not hold up the rest
            logger.exception("could not send notification %s; it stays pending", notification_id)
    return sent


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
