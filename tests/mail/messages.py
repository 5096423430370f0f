"""Emails as requesters, mail servers and out-of-office robots send them."""

from email.message import EmailMessage
from email.utils import make_msgid

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def email(
    *,
    sender="Ann Example <ann@example.org>",
    subject="Pothole repairs",
    text="Please send me the pothole repair records for 2025.",
    html=None,
    date="Mon, 30 Nov 2026 09:15:00 +0000",
    attachments=(),
    headers=None,
    message_id=None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "foi@council.example"
    message["Subject"] = subject
    message["Date"] = date
    message["Message-ID"] = message_id or make_msgid(domain="example.org")
    for name, value in (headers or {}).items():
        message[name] = value
    if text is not None:
        message.set_content(text)
        if html is not None:
            message.add_alternative(html, subtype="html")
    elif html is not None:
        message.set_content(html, subtype="html")
    for name, data, maintype, subtype in attachments:
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def bounce(original_subject="Re: IG-2026-00001") -> bytes:
    """A delivery failure report (RFC 3464) from a mail server."""
    message = EmailMessage()
    message["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.org>"
    message["To"] = "foi@council.example"
    message["Subject"] = "Undelivered Mail Returned to Sender"
    message["Date"] = "Mon, 30 Nov 2026 09:20:00 +0000"
    message["Message-ID"] = make_msgid(domain="mx.example.org")
    message.set_content("This is the mail system. Your message could not be delivered.")
    message.add_attachment(
        "Reporting-MTA: dns; mx.example.org\n\nFinal-Recipient: rfc822; gone@example.org\n"
        "Action: failed\nStatus: 5.1.1\n",
        subtype="delivery-status",
    )
    message.replace_header(
        "Content-Type", message["Content-Type"].replace("multipart/mixed", "multipart/report")
    )
    return message.as_bytes()
