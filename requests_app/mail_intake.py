"""Requests by email: each message in the IG mailbox becomes a case, or joins one.

`email_receive()` is the one service for a message from any source (the mailbox, or an .eml /
.msg file staff upload). In ONE transaction it stores the message's Message-ID (unique), then
either logs a new unclassified case with a receipt letter, or adds the message to the case whose
reference it carries and tells IG. Automatic replies, bounces and our own letters coming back
are stored (so they are not looked at again) but never become cases.

`poll()` reads the mailbox over IMAP (TLS) and moves each message to the processed folder only
after its transaction has committed. A worker killed between the commit and the move leaves the
message in the inbox; the next poll finds its Message-ID already stored and only moves it. So a
message is never lost (nothing is moved before it is committed) and never logged twice.
"""

import datetime as dt
import logging
import re
import ssl
from dataclasses import dataclass, field

from django import forms as django_forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from organisation.history import acting_user
from organisation.models import Role
from organisation.uploads import check_upload
from requests_app import correspondence, services, sweeps
from requests_app.mail_models import InboundEmail
from requests_app.mail_parsing import ParsedEmail, automatic_kind, parse_eml
from requests_app.models import Case, Channel, Correspondence, Document, EventKind, Regime
from requests_app.ownership import ig_staff
from workflow import notifications
from workflow.engine import ActionRefused, record_event

logger = logging.getLogger(__name__)

INTERNALDATE = re.compile(rb'INTERNALDATE "([^"]+)"')

NOT_A_REQUEST = {
    "loop": "an email this system sent",
    "bounce": "a delivery failure report",
    "auto_reply": "an automatic reply",
}
IGNORED = {
    "loop": InboundEmail.Outcome.LOOP,
    "bounce": InboundEmail.Outcome.BOUNCE,
    "auto_reply": InboundEmail.Outcome.AUTO_REPLY,
}


def own_addresses() -> set[str]:
    return {
        a.strip().lower()
        for a in (settings.DEFAULT_FROM_EMAIL, settings.IG_MAILBOX_ADDRESS, settings.SERVER_EMAIL)
        if a and a.strip()
    }


def case_for_reference(parsed: ParsedEmail) -> Case | None:
    for reference in parsed.references():
        case = Case.objects.filter(reference=reference).first()
        if case is not None:
            return case
    return None


def _store_attachments(case: Case, parsed: ParsedEmail, user) -> tuple[list[str], list[str]]:
    """Keep each attachment that passes the staff-upload check; say why each other one was not."""
    kept, refused = [], []
    for attachment in parsed.attachments:
        file = ContentFile(attachment.data, name=attachment.name)
        try:
            checked = check_upload(file)  # the same check as a staff upload
        except django_forms.ValidationError as error:
            refused.append(f"{attachment.name}: {' '.join(error.messages)}")
            continue
        Document.objects.create(
            case=case,
            kind=Document.Kind.RECEIVED,
            file=file,
            original_name=attachment.name[:255],
            content_type=checked.content_type,
            size=len(attachment.data),
            security_warning=checked.warning,
            uploaded_by=user,
        )
        kept.append(attachment.name)
    return kept, refused


def _note_attachments(case: Case, user, kept: list[str], refused: list[str]) -> str:
    if refused:
        record_event(
            case,
            user,
            EventKind.ADD_NOTE,
            "Attachments of the email not kept (they fail the upload check; ask the sender for "
            "another format if they are needed): " + "; ".join(refused),
        )
    return f" Attachments kept: {', '.join(kept)}." if kept else ""


def _tell_ig(case: Case, parsed: ParsedEmail, user) -> None:
    if case.owner_id and case.owner.is_active:
        recipients = [(case.owner, f"You own {case.reference}.")]
    else:
        officers = list(ig_staff().filter(role=Role.IG_OFFICER)) or list(ig_staff())
        recipients = [(u, f"{case.reference} has no owner; you are in IG.") for u in officers]
    recipients = [(u, why) for u, why in recipients if user is None or u.pk != user.pk]
    if not recipients:
        return
    sender = parsed.from_name or parsed.from_address or "someone"
    notifications.notify(
        recipients=recipients,
        kind="email_received",
        subject=f"{case.reference}: email from {sender}",
        template="case",
        context={
            "headline": f"An email about {case.reference} arrived from {sender}: "
            f"{parsed.subject or '(no subject)'}",
            "action": "Read it on the case timeline: it may be a clarification, ID or a payment.",
            "case": case,
            "case_label": sweeps.case_label(case),
            "case_url": notifications.absolute_url(sweeps.case_url(case)),
            "facts": sweeps.case_facts(case),
        },
        link_url=sweeps.case_url(case),
        link_object=case,
    )


def _add_to_case(case: Case, parsed: ParsedEmail, user) -> None:
    case = Case.objects.select_for_update(of=("self",)).select_related("owner").get(pk=case.pk)
    kept, refused = _store_attachments(case, parsed, user)
    attached = _note_attachments(case, user, kept, refused)
    sender = (
        f"{parsed.from_name} <{parsed.from_address}>" if parsed.from_name else parsed.from_address
    )
    # Anyone who knows a reference can write about a case: say so when it is not the requester.
    requester_email = (case.requester.email or "").lower()
    if parsed.from_address and parsed.from_address != requester_email:
        attached += " The sender is not the requester's email address."
    # The text itself is shown with the case's emails; the timeline says that it came.
    record_event(
        case,
        user,
        EventKind.EMAIL_RECEIVED,
        f"Email received from {sender or 'an unknown sender'}: "
        f"{parsed.subject or '(no subject)'}.{attached}",
    )
    _tell_ig(case, parsed, user)


def _address(parsed: ParsedEmail) -> str:
    """The sender's address if it is one we could write back to; '' otherwise."""
    try:
        validate_email(parsed.from_address)
    except ValidationError:
        return ""
    return parsed.from_address


def _new_case(parsed: ParsedEmail, user, received_at: dt.datetime) -> Case:
    address = _address(parsed)
    name = (parsed.from_name or address or "Unknown sender")[:200]
    case = services.case_log(
        user=user,
        requester={"name": name, "email": address},
        channel=Channel.EMAIL,
        received_at=received_at,
        title=(parsed.subject or f"Email from {name}")[:200],
        request_text=parsed.text or "(The email had no text.)",
        regime=Regime.UNCLASSIFIED,
    )
    kept, refused = _store_attachments(case, parsed, user)
    attached = _note_attachments(case, user, kept, refused)
    if attached:
        record_event(case, user, EventKind.EMAIL_RECEIVED, f"Request received by email.{attached}")
    correspondence.write(case, Correspondence.Kind.RECEIPT)
    return case


@dataclass
class Received:
    email: InboundEmail
    created: bool  # False: this Message-ID was already stored (a second fetch or upload)


def email_receive(
    *,
    parsed: ParsedEmail,
    source: str,
    received_at: dt.datetime | None = None,
    user=None,
    case_id: int | None = None,
) -> Received:
    """Store one message and act on it (see the module's docstring). `case_id`: staff chose
    the case to add it to. `user`: None for the mailbox."""
    now = timezone.now()
    arrived = min(received_at or parsed.sent_at or now, now)
    existing = InboundEmail.objects.filter(message_id=parsed.message_id).first()
    if existing is not None:
        return Received(existing, created=False)
    try:
        with transaction.atomic(), acting_user(user):
            # Inserted first: a second worker with the same message waits on the unique index
            # and then fails, instead of logging a second case.
            row = InboundEmail.objects.create(
                message_id=parsed.message_id,
                outcome=InboundEmail.Outcome.NEW_CASE,
                source=source,
                from_address=parsed.from_address[:320],
                from_name=parsed.from_name,
                subject=parsed.subject,
                received_at=arrived,
                uploaded_by=user,
            )
            ignored = automatic_kind(parsed, own_addresses())
            if ignored:
                if user is not None:
                    raise ActionRefused(
                        f"This is not a request: it looks like {NOT_A_REQUEST[ignored]}."
                    )
                row.outcome = IGNORED[ignored]
                row.save(update_fields=["outcome"])
                return Received(row, created=True)
            if case_id is not None:
                case = Case.objects.filter(pk=case_id).first()
                if case is None:
                    raise ActionRefused("Choose a case to add the email to.")
            else:
                case = case_for_reference(parsed)
            if case is not None:
                _add_to_case(case, parsed, user)
                row.outcome = InboundEmail.Outcome.ADDED
            else:
                case = _new_case(parsed, user, arrived)
            row.case = case
            row.body = parsed.text
            row.raw.save(parsed.raw_name, ContentFile(parsed.raw), save=False)
            row.save()
            return Received(row, created=True)
    except IntegrityError:
        # Another worker (or an earlier upload) stored the same Message-ID meanwhile.
        existing = InboundEmail.objects.filter(message_id=parsed.message_id).first()
        if existing is None:
            raise
        return Received(existing, created=False)


# --- the mailbox ---------------------------------------------------------------------------


@dataclass
class PollResult:
    new_cases: int = 0
    added: int = 0
    ignored: int = 0
    already_done: int = 0
    failed: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "new_cases": self.new_cases,
            "added": self.added,
            "ignored": self.ignored,
            "already_done": self.already_done,
            "failed": len(self.failed),
        }


def _ssl_context() -> ssl.SSLContext:
    context = ssl.create_default_context()
    if settings.MAIL_INTAKE_CA_FILE:
        context.load_verify_locations(cafile=settings.MAIL_INTAKE_CA_FILE)
    return context


def connect():
    from imap_tools import MailBox

    mailbox = MailBox(
        settings.MAIL_INTAKE_HOST, port=settings.MAIL_INTAKE_PORT, ssl_context=_ssl_context()
    )
    if settings.MAIL_INTAKE_OAUTH2_TOKEN:
        mailbox.xoauth2(
            settings.MAIL_INTAKE_USER,
            settings.MAIL_INTAKE_OAUTH2_TOKEN,
            initial_folder=settings.MAIL_INTAKE_FOLDER,
        )
    else:
        mailbox.login(
            settings.MAIL_INTAKE_USER,
            settings.MAIL_INTAKE_PASSWORD,
            initial_folder=settings.MAIL_INTAKE_FOLDER,
        )
    processed = settings.MAIL_INTAKE_PROCESSED_FOLDER
    if not mailbox.folder.exists(processed):
        mailbox.folder.create(processed)
    return mailbox


def move_processed(mailbox, uid: str) -> None:
    mailbox.move([uid], settings.MAIL_INTAKE_PROCESSED_FOLDER)


def fetch(mailbox, uid: str) -> tuple[bytes, dt.datetime | None] | None:
    """The message exactly as stored and its arrival time (INTERNALDATE): imap-tools' own
    fetch re-parses the message and does not ask for INTERNALDATE."""
    status, data = mailbox.client.uid("FETCH", uid, "(INTERNALDATE BODY.PEEK[])")
    if status != "OK":
        return None
    for item in data:
        if isinstance(item, tuple) and len(item) == 2:
            match = INTERNALDATE.search(item[0])
            arrived = None
            if match:
                arrived = dt.datetime.strptime(
                    match.group(1).decode().strip(), "%d-%b-%Y %H:%M:%S %z"
                )
            return item[1], arrived
    return None


def poll() -> PollResult | None:
    """Read the mailbox once. None when no mailbox is configured."""
    if not settings.MAIL_INTAKE_HOST:
        return None
    result = PollResult()
    with connect() as mailbox:
        for uid in mailbox.uids("ALL")[: settings.MAIL_INTAKE_BATCH]:
            try:
                fetched = fetch(mailbox, uid)
                if fetched is None:  # deleted meanwhile by someone else
                    continue
                raw, arrived = fetched
                received = email_receive(
                    parsed=parse_eml(raw),
                    source=InboundEmail.Source.MAILBOX,
                    received_at=arrived,
                )
            except Exception:
                # One message we cannot take in must not hold up the rest; it stays in the
                # inbox and is tried again next time.
                logger.exception("could not take in message uid %s", uid)
                result.failed.append(uid)
                continue
            _count(result, received)
            # Only now, with the case committed, does the message leave the inbox.
            move_processed(mailbox, uid)
    return result


def _count(result: PollResult, received: Received) -> None:
    if not received.created:
        result.already_done += 1
    elif received.email.outcome == InboundEmail.Outcome.NEW_CASE:
        result.new_cases += 1
    elif received.email.outcome == InboundEmail.Outcome.ADDED:
        result.added += 1
    else:
        result.ignored += 1
