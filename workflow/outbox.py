"""The one outbox: every email the council sends (letters to requesters, notifications to
staff) is an OutgoingEmail row, written in the transaction that causes it and sent afterwards
by the worker. A mail or broker outage delays an email; nothing here can lose one silently or
send one twice by itself.

States and the delivery protocol:

- held → pending: the email waits for something slow (a letter's PDF). Its registered
  *preparer* makes it after the causing transaction has committed, so no row lock is held while
  WeasyPrint works; the sweep prepares any that are still held.
- pending → sending: a worker *claims* the email with a conditional UPDATE (... WHERE
  state = 'pending') committed in its own transaction before anything is handed to the mail
  server. Two workers cannot both claim it: the second UPDATE matches no row.
- sending → sent: the mail server accepted it (with the email's stable Message-ID).
- sending → pending: the mail server refused it (or could not be reached); the error and the
  number of attempts are recorded and the sweep tries again, up to OUTBOX_MAX_ATTEMPTS,
  after which it is failed: listed for IG, never dropped.
- sending → uncertain: still "sending" longer than OUTBOX_CLAIM_TIMEOUT_SECONDS after its
  claim. Its worker died between the handover and writing the result, so the mail server may
  or may not have it. It is never sent again automatically: IG checks (the mail server's log,
  the requester) and either marks it as sent or sends it again, and the decision is recorded
  with their name.

The sweep (`outbox_sweep`, run by beat every few minutes) marks stale claims uncertain,
prepares held emails and then tries every pending email, oldest first, with no limit, so no
email is skipped for ever. Every function here is safe to run twice and in two workers at once.
Call the sending functions outside a transaction (the worker does): `durable=True` makes a
claim inside someone else's transaction an error instead of a claim that is not committed.
"""

import logging
import mimetypes
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import models, transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from organisation import access
from workflow.models import OutgoingAttachment, OutgoingEmail

logger = logging.getLogger(__name__)
State = OutgoingEmail.State

# An attachment that cannot be made (a report that fails to render) must not stop the email for
# good: after this many failed attempts it goes without the attachment.
ATTACHMENT_ATTEMPTS = 3
# The sweep leaves a just-written held email to the after-commit preparer that is already
# working on it, rather than rendering the same PDF twice.
PREPARE_GRACE = timedelta(minutes=1)

Attachment = tuple[str, bytes, str]  # file name, content, MIME type
AttachmentProvider = Callable[[OutgoingEmail], list[Attachment]]
# Makes what a held email still needs; may set `email.attachment` / `attachment_filename`.
Preparer = Callable[[OutgoingEmail], None]
_attachment_providers: dict[str, AttachmentProvider] = {}
_preparers: dict[str, Preparer] = {}


class OutboxRefused(Exception):
    """An IG decision on an email that is no longer waiting for one."""


def register_attachment(name: str, provider: AttachmentProvider) -> None:
    """Attachments built when the email is sent, from `email.data` (a weekly report's PDF).
    An unknown name sends the email without one."""
    _attachment_providers[name] = provider


def register_preparer(name: str, preparer: Preparer) -> None:
    _preparers[name] = preparer


def one_line(text: str, limit: int = 300) -> str:
    # Mail headers cannot carry a line break, and a typed case title may contain one.
    return " ".join(str(text).split())[:limit]


def _error_text(error: BaseException) -> str:
    return one_line(f"{type(error).__name__}: {error}", 500)


# --- writing -------------------------------------------------------------------------------------


def email_build(
    *,
    to: str,
    subject: str,
    text: str,
    html: str = "",
    reply_to: str = "",
    about: models.Model | None = None,
    attachment_provider: str = "",
    data: dict | None = None,
    preparer: str = "",
) -> OutgoingEmail:
    """An unsaved email; `emails_queue` stores and queues it."""
    return OutgoingEmail(
        to=to,
        subject=one_line(subject),
        body_text=text,
        body_html=html,
        reply_to=reply_to,
        about_type=ContentType.objects.get_for_model(about) if about is not None else None,
        about_id=about.pk if about is not None else None,
        attachment_provider=attachment_provider,
        data=data or {},
        preparer=preparer,
        state=State.HELD if preparer else State.PENDING,
    )


def emails_queue(*, emails: list[OutgoingEmail]) -> list[OutgoingEmail]:
    """Store the emails (inside the caller's transaction) and, once it commits, prepare the held
    ones and ask the worker to send the rest. If the broker cannot take the request the emails
    simply wait for the sweep."""
    OutgoingEmail.objects.bulk_create(emails)
    held = [email.pk for email in emails if email.state == State.HELD]
    pending = [email.pk for email in emails if email.state == State.PENDING]
    if held:
        transaction.on_commit(partial(_prepare_all, held))
    if pending:
        transaction.on_commit(partial(queue_send, pending))
    return emails


def email_queue(**fields) -> OutgoingEmail:
    """One email: the keyword arguments of `email_build`."""
    return emails_queue(emails=[email_build(**fields)])[0]


def email_add_files(*, email: OutgoingEmail, files: Iterable[tuple[str, str, str]]) -> None:
    """Further attachments for an email queued in the current transaction, as (stored file
    name, file name in the email, MIME type). Written in the same transaction as the email, so
    no worker can see the email without them; refused once the email may have been sent."""
    if email.state not in (State.HELD, State.PENDING) or email.claimed_at is not None:
        raise OutboxRefused("Attachments are added only to an email that has not been sent.")
    start = email.attachments.count()
    OutgoingAttachment.objects.bulk_create(
        OutgoingAttachment(
            email=email, position=start + n, file=name, filename=filename, content_type=mimetype
        )
        for n, (name, filename, mimetype) in enumerate(files)
    )


def _prepare_all(email_ids: list[int]) -> None:
    for email_id in email_ids:
        email_prepare(email_id=email_id)


def queue_send(email_ids: Iterable[int]) -> None:
    # Imported here because workflow.tasks imports this module.
    from workflow.tasks import send_email

    for email_id in email_ids:
        try:
            send_email.delay(email_id)
        except Exception:  # the broker is down: the sweep will send it
            logger.warning("could not queue email %s; the outbox sweep will send it", email_id)


# --- preparing -----------------------------------------------------------------------------------


def email_prepare(*, email_id: int) -> bool:
    """Make what a held email still needs, with no transaction open and no lock held, then
    release it to be sent. Returns True if this call released it."""
    email = OutgoingEmail.objects.filter(pk=email_id, state=State.HELD).first()
    if email is None:
        return False
    try:
        preparer = _preparers.get(email.preparer)
        if preparer is None:
            raise LookupError(f"no preparer is registered as {email.preparer!r}")
        preparer(email)
    except Exception as error:
        attempts = email.attempts + 1
        state = State.FAILED if attempts >= settings.OUTBOX_MAX_ATTEMPTS else State.HELD
        OutgoingEmail.objects.filter(pk=email.pk, state=State.HELD).update(
            attempts=attempts, last_error=_error_text(error), state=state
        )
        logger.exception("email %s: could not prepare it (attempt %s)", email.pk, attempts)
        return False
    released = OutgoingEmail.objects.filter(pk=email.pk, state=State.HELD).update(
        state=State.PENDING,
        attachment=email.attachment.name or "",
        attachment_filename=email.attachment_filename,
        attempts=0,
        last_error="",
    )
    if released:
        queue_send([email.pk])
    return bool(released)


# --- sending -------------------------------------------------------------------------------------


def email_claim(*, email_id: int) -> OutgoingEmail | None:
    """Take a pending email for this worker, committed before anything is handed over."""
    with transaction.atomic(durable=True):
        claimed = OutgoingEmail.objects.filter(pk=email_id, state=State.PENDING).update(
            state=State.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    if not claimed:
        return None
    return OutgoingEmail.objects.get(pk=email_id)


def _message(email: OutgoingEmail) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=one_line(email.subject),
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.to],
        reply_to=[email.reply_to] if email.reply_to else None,
        headers={"Message-ID": email.message_id},
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    if email.attachment:
        name = email.attachment_filename or os.path.basename(email.attachment.name)
        with email.attachment.open("rb") as attached:
            content = attached.read()
        message.attach(name, content, mimetypes.guess_type(name)[0] or "application/octet-stream")
    for extra in email.attachments.all():
        # A stored file that cannot be read fails the send (tried again, then listed for IG):
        # an email never goes without a document it was written with.
        with extra.file.open("rb") as attached:
            message.attach(extra.filename, attached.read(), extra.content_type)
    provider_name = email.attachment_provider
    if provider_name and email.attempts > ATTACHMENT_ATTEMPTS:
        logger.warning(
            "email %s: sending without its attachment %r after %s failed attempts",
            email.pk,
            provider_name,
            email.attempts - 1,
        )
    elif provider_name:
        provider = _attachment_providers.get(provider_name)
        if provider is None:
            logger.info(
                "email %s: no attachment provider %r; sending without it", email.pk, provider_name
            )
        else:
            for name, content, mimetype in provider(email):
                message.attach(name, content, mimetype)
    return message


def _mine(email: OutgoingEmail):
    # This worker's claim, even if meanwhile marked uncertain (it was slow, not dead); not if IG
    # has since decided, or someone else claimed it again.
    return OutgoingEmail.objects.filter(
        pk=email.pk, claimed_at=email.claimed_at, state__in=[State.SENDING, State.UNCERTAIN]
    )


def email_send(*, email_id: int) -> bool:
    """Send one email if it is pending. Returns True if this call handed it over."""
    email = email_claim(email_id=email_id)
    if email is None:
        return False
    try:
        _message(email).send()
    except Exception as error:
        failed = email.attempts >= settings.OUTBOX_MAX_ATTEMPTS
        with transaction.atomic(durable=True):
            _mine(email).update(
                state=State.FAILED if failed else State.PENDING, last_error=_error_text(error)
            )
        logger.error(
            "could not send email %s (attempt %s%s): %s",
            email.pk,
            email.attempts,
            ", giving up: listed for IG" if failed else "",
            _error_text(error),
        )
        return False
    with transaction.atomic(durable=True):
        recorded = _mine(email).update(state=State.SENT, sent_at=timezone.now(), last_error="")
    if not recorded:
        logger.warning("email %s was sent, but IG had decided about it meanwhile", email.pk)
    return True


def stale_claims_mark_uncertain() -> int:
    """Claims older than the timeout: the worker died mid-handover. Never resent from here."""
    cutoff = timezone.now() - timedelta(seconds=settings.OUTBOX_CLAIM_TIMEOUT_SECONDS)
    stale = list(
        OutgoingEmail.objects.filter(state=State.SENDING, claimed_at__lt=cutoff).values_list(
            "pk", flat=True
        )
    )
    if not stale:
        return 0
    marked = OutgoingEmail.objects.filter(
        pk__in=stale, state=State.SENDING, claimed_at__lt=cutoff
    ).update(
        state=State.UNCERTAIN,
        last_error=(
            "The worker stopped while handing this email to the mail server: it may or may not "
            "have been delivered."
        ),
    )
    logger.error("outbox: %s email(s) marked delivery uncertain for IG to check: %s", marked, stale)
    return marked


@dataclass
class SweepResult:
    uncertain: int = 0  # stale claims marked "delivery uncertain"
    prepared: int = 0  # held emails released
    sent: int = 0
    not_sent: int = 0  # still pending (refused, or claimed by another worker), or failed

    def as_dict(self) -> dict:
        return asdict(self)


def outbox_sweep() -> SweepResult:
    """Mark stale claims, prepare held emails, then try every pending email, oldest first."""
    result = SweepResult(uncertain=stale_claims_mark_uncertain())
    held = OutgoingEmail.objects.filter(
        state=State.HELD, created_at__lt=timezone.now() - PREPARE_GRACE
    ).order_by("created_at", "id")
    for email_id in held.values_list("pk", flat=True):
        result.prepared += email_prepare(email_id=email_id)
    pending = OutgoingEmail.objects.filter(state=State.PENDING).order_by("created_at", "id")
    for email_id in pending.values_list("pk", flat=True):
        try:
            sent = email_send(email_id=email_id)
        except Exception:  # one bad row (a database error) must not hold up the rest
            logger.exception("outbox: could not send email %s; it stays in the outbox", email_id)
            sent = False
        if sent:
            result.sent += 1
        else:
            result.not_sent += 1
    logger.info("outbox sweep: %s", result.as_dict())
    return result


# --- IG's decisions on uncertain and failed emails -----------------------------------------------


def _decide(email_id: int, user, change: Callable[[OutgoingEmail], None]) -> OutgoingEmail:
    with transaction.atomic():
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None:
            raise OutboxRefused("There is no such email.")
        if not email.needs_attention:
            raise OutboxRefused(
                f"This email no longer needs a decision: it is now “{email.get_state_display()}”."
            )
        change(email)
        email.resolved_by = user
        email.resolved_at = timezone.now()
        email.save()
    logger.info("email %s: %s by user %s", email.pk, email.resolution, user.pk)
    return email


def email_mark_sent(*, email_id: int, user) -> OutgoingEmail:
    """IG found that it was delivered (the mail server's log, or the recipient has it)."""

    def change(email: OutgoingEmail) -> None:
        email.state = State.SENT
        email.sent_at = timezone.now()
        email.resolution = OutgoingEmail.Resolution.MARKED_SENT

    return _decide(email_id, user, change)


def email_send_again(*, email_id: int, user) -> OutgoingEmail:
    """IG found that it was not delivered: back to the queue, with a fresh count of attempts
    (back to waiting for its attachment if that was never made)."""

    def change(email: OutgoingEmail) -> None:
        unprepared = email.preparer and not email.attachment
        email.state = State.HELD if unprepared else State.PENDING
        email.attempts = 0
        email.resolution = OutgoingEmail.Resolution.SENT_AGAIN

    email = _decide(email_id, user, change)
    if email.state == State.HELD:
        transaction.on_commit(partial(_prepare_all, [email.pk]))
    else:
        transaction.on_commit(partial(queue_send, [email.pk]))
    return email


# --- reading -------------------------------------------------------------------------------------


def needing_attention():
    return OutgoingEmail.objects.filter(state__in=[State.UNCERTAIN, State.FAILED]).order_by(
        "created_at", "id"
    )


def deliveries_attach(objects: Iterable[models.Model]) -> list[models.Model]:
    """Set `obj.delivery` (its latest email, or None) on each object, in one query."""
    objects = list(objects)
    if not objects:
        return objects
    about_type = ContentType.objects.get_for_model(objects[0])
    latest: dict[int, OutgoingEmail] = {}
    for email in OutgoingEmail.objects.filter(
        about_type=about_type, about_id__in=[obj.pk for obj in objects]
    ).order_by("created_at", "id"):
        latest[email.about_id] = email
    for obj in objects:
        obj.delivery = latest.get(obj.pk)
    return objects


def delivery_of(obj: models.Model) -> OutgoingEmail | None:
    return deliveries_attach([obj])[0].delivery


# --- who may see and decide ----------------------------------------------------------------------

OUTBOX_ACTIONS = frozenset({"view", "mark_sent", "send_again"})


def _email_policy(user, action: str, email: OutgoingEmail) -> bool:
    # Emails carry requesters' and cases' details: IG only, who decide about uncertain ones.
    return action in OUTBOX_ACTIONS and access.is_ig(user)


access.register_policy(OutgoingEmail, _email_policy)


def get_email_for_user(user, pk: int, action: str = "view") -> OutgoingEmail:
    """404 if there is no such email, 403 if the user may not do `action` to it."""
    # An id past the column's range is "not found", not a database error.
    email = OutgoingEmail.objects.filter(pk=pk).first() if 0 < pk < 2**63 else None
    if email is None:
        raise Http404("There is no such email.")
    access.check(user, action, email)
    return email
