"""Reading an email (raw RFC 822 bytes or an Outlook .msg file) into the facts a case needs.

Pure functions: no database, no mailbox. `requests_app.mail_intake` decides what to do with the
result. The body is kept as plain text: a plain part as it is, an HTML-only message converted to
text (scripts, styles and markup dropped), so nothing a sender wrote is ever rendered as HTML.
"""

import datetime as dt
import email
import hashlib
import mimetypes
import re
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import getaddresses, parsedate_to_datetime

from inscriptis import get_text

REFERENCE = re.compile(r"\bIG-\d{4}-\d{5}\b")

# Subjects of out-of-office and other automatic replies from systems that do not set the
# standard headers (RFC 3834 Auto-Submitted, or the older X-Autoreply / Precedence).
AUTO_SUBJECT = re.compile(
    r"^\s*(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|autoreply"
    r"|auto:|away from (the |my )?office|on leave|i am (currently )?out of the office)",
    re.IGNORECASE,
)
BOUNCE_SENDERS = re.compile(r"^(mailer-daemon|postmaster)@", re.IGNORECASE)
BOUNCE_SUBJECT = re.compile(
    r"^\s*(undeliverable|undelivered mail|delivery status notification|mail delivery failed"
    r"|returned mail|failure notice|delivery has failed)",
    re.IGNORECASE,
)


@dataclass
class Attachment:
    name: str
    data: bytes


@dataclass
class ParsedEmail:
    message_id: str
    from_address: str
    from_name: str
    subject: str
    text: str
    sent_at: dt.datetime | None
    raw: bytes
    raw_name: str
    attachments: list[Attachment] = field(default_factory=list)
    # Headers that tell an automatic message from a person's (lower-case names).
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/plain"

    def references(self) -> list[str]:
        """Case references in the subject first, then the body, in order, once each."""
        found = REFERENCE.findall(self.subject) + REFERENCE.findall(self.text)
        return list(dict.fromkeys(found))


def html_to_text(html: str) -> str:
    return get_text(html or "").strip()


def _one_line(text: str, limit: int) -> str:
    return " ".join(str(text or "").split())[:limit]


def _message_id(value: str | None, raw: bytes) -> str:
    value = _one_line(value, 998)
    if value:
        return value
    # No Message-ID (some scanners and old clients): the content itself identifies it, so the
    # same message fetched twice still matches.
    return f"<sha256-{hashlib.sha256(raw).hexdigest()}@no-message-id>"


def _date(value) -> dt.datetime | None:
    if not value:
        return None
    if isinstance(value, dt.datetime):
        moment = value
    else:
        try:
            moment = parsedate_to_datetime(str(value))
        except (TypeError, ValueError):
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment


def _safe_name(name: str, fallback: str) -> str:
    # Only the last path component, without control characters: it becomes a stored file name.
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip().strip(".")
    return name[:200] or fallback


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    if part is not None:
        return str(part.get_content()).strip()
    part = message.get_body(preferencelist=("html",))
    if part is not None:
        return html_to_text(str(part.get_content()))
    return ""


def _attachments(message: EmailMessage) -> list[Attachment]:
    found = []
    for number, part in enumerate(message.iter_attachments(), start=1):
        if part.get_content_type() == "message/rfc822":
            inner = part.get_content()
            data = inner.as_bytes() if hasattr(inner, "as_bytes") else bytes(inner)
            found.append(Attachment(_safe_name(part.get_filename(), f"message-{number}.eml"), data))
            continue
        data = part.get_payload(decode=True)
        if data is None:
            continue
        # A part with no file name (an inline image, say) is named from its type, so the
        # upload check can judge it like any other file.
        extension = mimetypes.guess_extension(part.get_content_type()) or ""
        fallback = f"attachment-{number}{extension}"
        found.append(Attachment(_safe_name(part.get_filename(), fallback), data))
    return found


def parse_eml(raw: bytes) -> ParsedEmail:
    message = email.message_from_bytes(raw, policy=policy.default)
    senders = getaddresses([str(message.get("From", ""))])
    name, address = senders[0] if senders else ("", "")
    headers = {
        key.lower(): _one_line(message.get(key, ""), 500)
        for key in (
            "Auto-Submitted",
            "X-Autoreply",
            "X-Autorespond",
            "Precedence",
            "Return-Path",
            "X-Loop",
        )
        if message.get(key) is not None
    }
    return ParsedEmail(
        message_id=_message_id(message.get("Message-ID"), raw),
        from_address=address.strip().lower(),
        from_name=_one_line(name, 200),
        subject=_one_line(message.get("Subject", ""), 300),
        text=_body(message),
        sent_at=_date(message.get("Date")),
        raw=raw,
        raw_name="message.eml",
        attachments=_attachments(message),
        headers=headers,
        content_type=message.get_content_type(),
    )


def parse_msg(data: bytes) -> ParsedEmail:
    """An Outlook .msg file, as staff save it from Outlook and drop it on a case."""
    import extract_msg

    message = extract_msg.openMsg(data)
    try:
        name, address = (getaddresses([message.sender or ""]) or [("", "")])[0]
        text = (message.body or "").strip()
        if not text and message.htmlBody:
            html = message.htmlBody
            text = html_to_text(
                html.decode("utf-8", "replace") if isinstance(html, bytes) else html
            )
        attachments = []
        for number, item in enumerate(message.attachments, start=1):
            payload = item.data
            if isinstance(payload, bytes):
                fallback = f"attachment-{number}"
                filename = item.longFilename or item.shortFilename or ""
                attachments.append(Attachment(_safe_name(filename, fallback), payload))
        headers = {}
        if message.header is not None:
            for key in ("Auto-Submitted", "X-Autoreply", "Precedence", "Return-Path"):
                if message.header.get(key) is not None:
                    headers[key.lower()] = _one_line(message.header.get(key), 500)
        return ParsedEmail(
            message_id=_message_id(message.messageId, data),
            from_address=address.strip().lower(),
            from_name=_one_line(name, 200),
            subject=_one_line(message.subject, 300),
            text=text,
            sent_at=_date(message.header.get("Date") if message.header is not None else None)
            or _date(message.date),
            raw=data,
            raw_name="message.msg",
            attachments=attachments,
            headers=headers,
        )
    finally:
        message.close()


def parse_file(name: str, data: bytes) -> ParsedEmail:
    if name.lower().endswith(".msg"):
        return parse_msg(data)
    return parse_eml(data)


def automatic_kind(parsed: ParsedEmail, own_addresses: set[str]) -> str | None:
    """'loop', 'bounce' or 'auto_reply' for a message no person wrote to us; None otherwise."""
    if parsed.from_address and parsed.from_address in own_addresses:
        return "loop"
    if (
        parsed.content_type == "multipart/report"
        or BOUNCE_SENDERS.match(parsed.from_address or "")
        or parsed.headers.get("return-path", "").strip() == "<>"
        or BOUNCE_SUBJECT.match(parsed.subject)
    ):
        return "bounce"
    submitted = parsed.headers.get("auto-submitted", "").lower()
    precedence = parsed.headers.get("precedence", "").lower()
    if (
        (submitted and submitted != "no")
        or "x-autoreply" in parsed.headers
        or "x-autorespond" in parsed.headers
        or precedence in {"bulk", "auto_reply", "junk"}
        or AUTO_SUBJECT.match(parsed.subject)
    ):
        return "auto_reply"
    return None
