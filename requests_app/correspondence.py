"""Letters and emails to requesters.

A letter is stored first (inside the caller's transaction) and sent after commit by the worker.
If the broker is unreachable the letter waits and the periodic sweep sends it, so a Redis or
mail outage delays a letter but never loses it or blocks the case."""

import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from requests_app.models import Case, Correspondence

logger = logging.getLogger(__name__)


def _context(case: Case, extra: str) -> dict:
    return {
        "case": case,
        "requester": case.requester,
        "council_name": settings.COUNCIL_NAME,
        "from_email": settings.DEFAULT_FROM_EMAIL,
        "extra": extra,
        "today": timezone.localdate(),
        "exemptions": list(case.exemptions.select_related("exemption")) if case.pk else [],
    }


def render_pdf(letter: Correspondence) -> bytes:
    from weasyprint import HTML  # imported here: WeasyPrint loads system libraries at import

    html = render_to_string(
        "requests_app/letters/letter.html",
        {
            "letter": letter,
            "case": letter.case,
            "council_name": settings.COUNCIL_NAME,
            "today": timezone.localdate(),
        },
    )
    return HTML(string=html).write_pdf()


def write(case: Case, kind: str, *, extra: str = "", with_pdf: bool = False) -> Correspondence:
    body = render_to_string(f"requests_app/letters/{kind}.txt", _context(case, extra)).strip()
    subject = f"{case.reference}: {Correspondence.Kind(kind).label} – {case.title}"
    letter = Correspondence(
        case=case,
        kind=kind,
        to=case.requester.email,
        # One line: the mail library refuses a header with a line break in it (a typed title
        # may carry one), and such a letter could never be sent.
        subject=" ".join(subject.split())[:300],
        body=body,
    )
    if with_pdf:
        letter.pdf.save(f"{case.reference}-{kind}.pdf", ContentFile(render_pdf(letter)), save=False)
    letter.save()
    if letter.to:
        transaction.on_commit(lambda: queue_send(letter.pk))
    return letter


def queue_send(letter_id: int) -> None:
    from requests_app.tasks import send_correspondence

    try:
        send_correspondence.delay(letter_id)
    except Exception:  # the broker is down: the periodic sweep will send it
        logger.warning("could not queue letter %s; the sweep will send it", letter_id)


def send(letter_id: int) -> bool:
    """Send one letter if it has not been sent. Safe to call twice or from two workers."""
    with transaction.atomic():
        letter = (
            Correspondence.objects.select_for_update(skip_locked=True)
            .filter(pk=letter_id, sent_at__isnull=True)
            .exclude(to="")
            .first()
        )
        if letter is None:
            return False
        message = EmailMessage(
            subject=letter.subject,
            body=letter.body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[letter.to],
            # A reply reaches the IG mailbox, where its reference threads it onto the case.
            reply_to=[settings.IG_MAILBOX_ADDRESS] if settings.IG_MAILBOX_ADDRESS else None,
        )
        if letter.pdf:
            with letter.pdf.open("rb") as pdf:
                message.attach(f"{letter.case.reference}.pdf", pdf.read(), "application/pdf")
        message.send()
        letter.sent_at = timezone.now()
        letter.save(update_fields=["sent_at"])
    return True


def send_pending() -> int:
    pending = Correspondence.objects.filter(sent_at__isnull=True).exclude(to="")
    sent = 0
    for pk in pending.values_list("pk", flat=True):
        try:
            sent += send(pk)
        except Exception:  # one letter the mail server refuses must not hold up the rest
            logger.exception("could not send letter %s; it stays pending", pk)
    return sent
