"""Writing notifications to staff: a Notification (organisation's in-app list) per recipient,
and its email through the outbox (workflow.outbox).

`notify()` runs inside the caller's transaction (an escalation, see workflow.escalations). It
stores one Notification per recipient with the text already rendered, and one OutgoingEmail for
each recipient with an address, linked to the notification so its page can show whether the
email went. The emails are queued once the transaction commits; reading notifications stays in
organisation.notifications."""

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.template.loader import render_to_string
from django.urls import reverse

from organisation.models import Escalation, Notification, User
from workflow import outbox

one_line = outbox.one_line
# Apps that attach reports register a provider under a name given in `data["attachment"]`
# (see reports.sweeps); the provider is called with the OutgoingEmail, whose `data` is the
# notification's.
Attachment = outbox.Attachment
register_attachment = outbox.register_attachment


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}" if path.startswith("/") else path


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
    outbox.emails_queue(
        emails=[
            outbox.email_build(
                to=row.email_to,
                subject=row.subject,
                text=row.body_text,
                html=row.body_html,
                about=row,
                attachment_provider=row.data.get("attachment", ""),
                data=row.data,
            )
            for row in rows
            if row.email_to
        ]
    )
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
