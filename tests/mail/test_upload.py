"""Staff drop an .eml or Outlook .msg file on "Log a request" or on a case."""

import datetime as dt

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from requests_app import services
from requests_app.mail_models import InboundEmail
from requests_app.models import Case, Channel, Correspondence, EventKind, Regime
from tests.mail.messages import PDF, email
from tests.mail.msg_file import build_msg
from workflow import outbox

NEW = reverse("requests:case_new_from_email")


def _msg(**overrides) -> bytes:
    fields = {
        "sender_name": "Sam Outlook",
        "sender_email": "sam@example.net",
        "subject": "Subject access request",
        "body": "Please send me all the personal data you hold about me.",
        "message_id": "<sar-1@example.net>",
        "date": "Mon, 30 Nov 2026 10:05:00 +0000",
        "attachments": [("passport.pdf", PDF), ("macro.xlsm", b"PK\x03\x04 macro")],
    }
    return build_msg(**{**fields, **overrides})


def _upload(name: str, data: bytes) -> dict:
    return {"file": SimpleUploadedFile(name, data)}


@pytest.mark.django_db
def test_an_outlook_msg_on_log_a_request_becomes_a_case_with_its_attachment(client, cast):
    client.force_login(cast.ig_officer)
    response = client.post(NEW, _upload("request.msg", _msg()))

    case = Case.objects.get()
    assert response.status_code == 302 and response.url == reverse("requests:case", args=[case.pk])
    assert (case.title, case.channel, case.regime) == (
        "Subject access request",
        Channel.EMAIL,
        Regime.UNCLASSIFIED,
    )
    assert case.requester.email == "sam@example.net"
    assert case.requester.name == "Sam Outlook"
    assert case.request_text == "Please send me all the personal data you hold about me."
    assert case.received_at == dt.datetime(2026, 11, 30, 10, 5, tzinfo=dt.UTC)
    assert case.created_by == cast.ig_officer and case.owner == cast.ig_officer
    assert [d.original_name for d in case.documents.all()] == ["passport.pdf"]
    assert "macro.xlsm" in case.events.get(kind=EventKind.ADD_NOTE).message
    assert case.correspondence.get().kind == Correspondence.Kind.RECEIPT
    stored = InboundEmail.objects.get()
    assert (stored.source, stored.uploaded_by) == (InboundEmail.Source.UPLOAD, cast.ig_officer)
    page = client.get(reverse("requests:case", args=[case.pk]))
    assert b"Please send me all the personal data" in page.content


@pytest.mark.django_db
def test_an_eml_on_a_case_is_added_to_it(client, cast):
    case = services.case_log(
        user=cast.ig_manager,
        requester={"name": "Ann Example", "email": "ann@example.org"},
        channel=Channel.EMAIL,
        received_at=timezone.now() - dt.timedelta(days=1),
        title="Potholes",
        request_text="Pothole data please.",
    )
    client.force_login(cast.ig_officer)
    raw = email(
        subject="My ID", text="Attached.", attachments=[("id.pdf", PDF, "application", "pdf")]
    )
    response = client.post(
        reverse("requests:case_email_add", args=[case.pk]), _upload("reply.eml", raw)
    )

    assert response.status_code == 302
    assert Case.objects.count() == 1
    assert [d.original_name for d in case.documents.all()] == ["id.pdf"]
    assert case.events.filter(kind=EventKind.EMAIL_RECEIVED).count() == 1
    assert InboundEmail.objects.get().case == case
    # The owner (the manager who logged it) is told; the officer who uploaded it knows already.
    from organisation.models import Notification

    assert list(Notification.objects.values_list("recipient__username", flat=True)) == [
        "ig_manager"
    ]


@pytest.mark.django_db
def test_the_same_email_twice_is_refused_and_changes_nothing(client, cast):
    client.force_login(cast.ig_officer)
    client.post(NEW, _upload("request.msg", _msg()))
    response = client.post(NEW, _upload("again.msg", _msg()))
    assert response.status_code == 200
    reference = Case.objects.get().reference
    assert (
        f"This email has already been received. It is on {reference}." in response.content.decode()
    )
    assert Case.objects.count() == 1 and InboundEmail.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("notes.txt", b"hello", "Choose an email file: .msg (Outlook) or .eml."),
        ("broken.msg", b"not an outlook file at all", "contents do not match its type"),
        ("broken.msg", b"\xd0\xcf\x11\xe0" + b"\0" * 600, "could not be read as an email"),
        ("empty.eml", b"", "The selected file is empty"),
        ("ooo.eml", email(subject="Out of office"), "This is not a request"),
    ],
)
def test_bad_files_get_a_clear_message_and_change_nothing(client, cast, name, data, message):
    client.force_login(cast.ig_officer)
    response = client.post(NEW, _upload(name, data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Case.objects.exists() and not InboundEmail.objects.exists()


@pytest.mark.django_db
def test_only_ig_may_upload_emails(client, cast):
    case = services.case_log(
        user=cast.ig_officer,
        requester={"name": "Ann Example", "email": "ann@example.org"},
        channel=Channel.EMAIL,
        received_at=timezone.now() - dt.timedelta(days=1),
        title="Potholes",
        request_text="Pothole data please.",
    )
    add = reverse("requests:case_email_add", args=[case.pk])
    for url in (NEW, add):
        assert client.get(url).status_code == 302  # anonymous: sign in first
    allowed = {"ig_officer", "ig_manager"}
    for username in vars(cast):
        client.force_login(getattr(cast, username))
        expected = 200 if username in allowed else 403
        assert client.get(NEW).status_code == expected, username
        assert client.get(add).status_code == expected, username
        assert client.post(add, _upload("x.msg", _msg())).status_code in (
            {302} if username in allowed else {403}
        ), username
        InboundEmail.objects.all().delete()
    assert case.events.filter(kind=EventKind.EMAIL_RECEIVED).count() == 2


@pytest.mark.django_db
def test_letters_carry_a_reply_to_the_ig_mailbox(cast, settings):
    settings.IG_MAILBOX_ADDRESS = "foi@council.example"
    case = services.case_submit_public(
        name="Ann Example",
        email="ann@example.org",
        address="",
        regime=Regime.FOI,
        title="Potholes",
        request_text="Pothole data please.",
    )
    letter = case.correspondence.get()
    assert outbox.email_send(email_id=outbox.delivery_of(letter).pk)
    (sent,) = mail.outbox
    assert sent.reply_to == ["foi@council.example"]
    assert case.reference in sent.subject  # so the reply threads back onto the case


@pytest.mark.django_db
def test_without_a_mailbox_address_letters_have_no_reply_to(cast, settings):
    settings.IG_MAILBOX_ADDRESS = ""
    case = services.case_submit_public(
        name="Ann Example",
        email="ann@example.org",
        address="",
        regime=Regime.FOI,
        title="Potholes",
        request_text="Pothole data please.",
    )
    assert outbox.email_send(email_id=outbox.delivery_of(case.correspondence.get()).pk)
    (sent,) = mail.outbox
    assert sent.reply_to == []
