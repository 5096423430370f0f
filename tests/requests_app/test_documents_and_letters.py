"""Documents uploaded to a case (through the HTTP action view) and letters to the requester.

Letters are written in the same transaction as the change that causes them, with their email in
the outbox, and sent afterwards; here they are sent by calling `outbox.email_send` /
`outbox_sweep` directly (what the Celery task and the periodic sweep call) and read from the
locmem mailbox. A letter's PDF is rendered after the transaction commits: the tests run the
after-commit callbacks themselves."""

import datetime as dt
import io
import re
import zlib
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfWriter

from requests_app import correspondence, services
from requests_app.models import Case, Channel, Correspondence, Document, Outcome, Regime, Status
from tests.requests_app.builders import case_in
from workflow import outbox

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 2, 11, 10, 0, tzinfo=LONDON)  # Wed 11 Feb 2026, 10:00
RECEIVED = dt.datetime(2026, 2, 9, 9, 30, tzinfo=LONDON)  # Mon 9 Feb 2026 -> due Mon 9 Mar


def _blank_pdf() -> bytes:
    # A real PDF: the upload check reads PDFs through, and warns about ones it cannot read.
    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.write(buffer)
    return buffer.getvalue()


PDF = _blank_pdf()


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def queued(monkeypatch):
    """The ids the outbox asks the worker to send (no worker runs here)."""
    ids = []
    monkeypatch.setattr("workflow.tasks.send_email.delay", ids.append)
    return ids


def email_of(letter):
    return outbox.delivery_of(letter)


def send(letter) -> bool:
    return outbox.email_send(email_id=email_of(letter).pk)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded documents and letters go to a directory of this test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def upload_url(case):
    return reverse("requests:case_action", args=[case.pk, "upload_document"])


def upload(client, case, name, content, kind="working"):
    case.refresh_from_db()
    data = {"kind": kind, "file": SimpleUploadedFile(name, content), "version": case.version}
    return client.post(upload_url(case), data)


def log(cast, *, name="Jo Bloggs", email="jo@example.org", title="Pothole claims", **extra):
    return services.case_log(
        user=cast.ig_officer,
        requester={"name": name, "email": email, **extra},
        channel=Channel.EMAIL if email else Channel.LETTER,
        received_at=RECEIVED,
        title=title,
        request_text="How many pothole compensation claims were made in 2025?",
        regime=Regime.FOI,
    )


# --- uploads ---------------------------------------------------------------------------------


@pytest.mark.parametrize("uploader", ["ig_officer", "officer_a"])
def test_a_valid_pdf_is_stored_and_downloadable_by_ig_and_the_assigned_area(
    client, cast, org, media, uploader
):
    case = case_in(Status.ASSIGNED, cast, org)  # assigned to area A
    client.force_login(getattr(cast, uploader))
    response = upload(client, case, "claims-2025.pdf", PDF)
    assert response.status_code == 302
    assert response.url == reverse("requests:case", args=[case.pk])

    document = Document.objects.get(case=case)
    assert (document.original_name, document.content_type, document.size) == (
        "claims-2025.pdf",
        "application/pdf",
        len(PDF),
    )
    assert document.uploaded_by == getattr(cast, uploader)
    assert [p.read_bytes() for p in stored_files(media)] == [PDF]
    assert case.events.first().message == "Document uploaded: claims-2025.pdf (working document)."

    url = reverse("requests:document", args=[case.pk, document.pk])
    for user in (cast.ig_officer, cast.ig_manager, cast.officer_a, cast.director):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, user
        assert response["Content-Disposition"] == 'attachment; filename="claims-2025.pdf"'
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == PDF


def test_a_document_is_hidden_from_other_areas_other_directorates_and_anonymous(client, cast, org):
    case = case_in(Status.ASSIGNED, cast, org)
    client.force_login(cast.ig_officer)
    assert upload(client, case, "claims.pdf", PDF).status_code == 302
    document = Document.objects.get(case=case)
    url = reverse("requests:document", args=[case.pk, document.pk])
    for user in (cast.officer_b, cast.director_other):
        client.force_login(user)
        assert client.get(url).status_code == 404, user
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={url}"
    # A document cannot be fetched through another case's address either.
    other = case_in(Status.ASSIGNED, cast, org)
    client.force_login(cast.ig_officer)
    wrong = reverse("requests:document", args=[other.pk, document.pk])
    assert client.get(wrong).status_code == 404


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("report.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "do not match its type"),
        ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, "The file must be one of:"),
        ("notes.html", b"<html><script>alert(1)</script></html>", "The file must be one of:"),
        ("empty.pdf", b"", "The selected file is empty"),
        ("scan.pdf", b"%PDF-1.4\n" + b"0" * int(1.1 * 1024 * 1024), "smaller than 1 MB"),
    ],
    ids=["exe-renamed-pdf", "exe", "html", "empty", "too-big"],
)
def test_bad_uploads_are_refused_with_a_message_and_store_nothing(
    client, cast, org, settings, media, name, content, message
):
    settings.MAX_UPLOAD_MB = 1
    case = case_in(Status.ASSIGNED, cast, org)
    events = case.events.count()
    client.force_login(cast.ig_officer)
    response = upload(client, case, name, content)
    assert response.status_code == 200
    assert escape(message) in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(media) == []
    assert case.events.count() == events


def test_a_file_just_under_the_limit_is_accepted(client, cast, org, settings):
    settings.MAX_UPLOAD_MB = 1
    case = case_in(Status.ASSIGNED, cast, org)
    client.force_login(cast.ig_officer)
    content = b"%PDF-1.4\n" + b"0" * (1024 * 1024 - 9)
    assert upload(client, case, "scan.pdf", content).status_code == 302
    assert Document.objects.get(case=case).size == 1024 * 1024


# --- letters ---------------------------------------------------------------------------------


def test_acknowledging_writes_a_letter_with_the_statutory_date_and_sends_it_once(cast):
    case = log(cast)
    assert mail.outbox == []
    services.case_acknowledge(case_id=case.pk, user=cast.ig_officer)
    letter = Correspondence.objects.get(case=case)
    assert (letter.kind, letter.to) == ("acknowledgement", "jo@example.org")
    assert email_of(letter).state == "pending"
    assert "we will respond by 9 March 2026" in letter.body
    assert letter.body.startswith("Dear Jo Bloggs,")
    assert mail.outbox == []  # written now, sent by the worker after the commit

    assert send(letter) is True
    assert send(letter) is False
    assert outbox.outbox_sweep().sent == 0
    assert len(mail.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["jo@example.org"]
    assert email.subject == f"{case.reference}: acknowledgement – Pothole claims"
    assert "we will respond by 9 March 2026" in email.body
    assert email.attachments == []
    assert (email_of(letter).state, email_of(letter).sent_at) == ("sent", NOW)


def test_the_outbox_sweep_sends_every_unsent_emailed_letter_once(cast):
    first, second = log(cast), log(cast, name="Sam Jones", email="sam@example.org")
    for case in (first, second):
        services.case_acknowledge(case_id=case.pk, user=cast.ig_officer)
    assert outbox.outbox_sweep().sent == 2
    assert outbox.outbox_sweep().sent == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["jo@example.org", "sam@example.org"]


def test_a_requester_without_email_gets_a_letter_for_post_that_is_never_emailed(cast):
    case = log(cast, name="Pat Post", email="", address="1 High Street\nMelton Mowbray")
    services.case_acknowledge(case_id=case.pk, user=cast.ig_officer)
    letter = Correspondence.objects.get(case=case)
    assert letter.to == ""
    assert "we will respond by 9 March 2026" in letter.body
    assert case.events.first().message == "Acknowledged (letter for post)."
    assert email_of(letter) is None
    assert outbox.outbox_sweep().sent == 0
    assert mail.outbox == []


def pdf_page_count(data: bytes) -> int:
    """Pages in a PDF: page objects, including those inside compressed object streams."""
    chunks = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            chunks.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return sum(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", chunk)) for chunk in chunks)


def respond_not_held(cast, org, case):
    services.case_assign(case_id=case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk])
    services.case_submit_draft(
        case_id=case.pk, user=cast.officer_a, service_area_id=org.area_a.pk, draft="None held."
    )
    services.case_decide(
        case_id=case.pk,
        user=cast.ig_manager,
        outcome=Outcome.NOT_HELD,
        reasons="",
        response_text="We do not hold records of pothole claims.",
    )
    return services.case_release_without_director(case_id=case.pk, user=cast.ig_manager)


def test_the_response_is_a_real_pdf_attached_to_the_email(
    client, cast, org, django_capture_on_commit_callbacks, queued
):
    case = case_in(Status.AUTHORISED, cast, org)  # granted, approved by the director
    assert not case.correspondence.exists()
    with django_capture_on_commit_callbacks() as callbacks:
        services.case_send_response(case_id=case.pk, user=cast.ig_officer)
    # Committed, not yet rendered: the email waits for its PDF, and nothing is queued.
    letter = Correspondence.objects.get(case=case)
    assert (letter.kind, letter.pdf.name, email_of(letter).state) == ("response", "", "held")
    assert queued == []
    for callback in callbacks:
        callback()
    letter.refresh_from_db()
    assert email_of(letter).state == "pending"
    assert email_of(letter).attachment.name == letter.pdf.name
    assert queued == [email_of(letter).pk]
    data = letter.pdf.read()
    letter.pdf.close()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert len(data) > 1000
    assert pdf_page_count(data) >= 1
    assert "We received 312 claims in 2025." in letter.body

    assert send(letter) is True
    (email,) = mail.outbox
    assert email.to == ["jo@example.org"]
    assert email.attachments == [(f"{case.reference}.pdf", data, "application/pdf")]

    # IG can download the letter; the filename is the reference, never user text.
    client.force_login(cast.ig_officer)
    response = client.get(reverse("requests:letter", args=[case.pk, letter.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="{case.reference}-response.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == data


def test_a_subject_never_carries_a_line_break_from_the_title(cast):
    # A title is typed by staff or by the public (the web form's title field is one line in
    # the browser, but a POST can carry anything). An email subject cannot contain a newline.
    case = log(cast, title="Bins\r\nBcc: everyone@example.org")
    services.case_acknowledge(case_id=case.pk, user=cast.ig_officer)
    letter = Correspondence.objects.get(case=case)
    assert "\n" not in letter.subject and "\r" not in letter.subject
    assert send(letter) is True
    (email,) = mail.outbox
    assert email.subject == f"{case.reference}: acknowledgement – Bins Bcc: everyone@example.org"
    assert email.recipients() == ["jo@example.org"]


def test_one_letter_that_cannot_be_sent_does_not_stop_the_others(cast):
    second = log(cast, name="Sam Jones", email="sam@example.org")
    # An address the mail library refuses (it carries a line break): that email stays.
    stuck = outbox.email_queue(to="jo@example.org\nBcc: x@example.org", subject="A", text="Hi")
    services.case_acknowledge(case_id=second.pk, user=cast.ig_officer)
    assert outbox.outbox_sweep().sent == 1
    assert [m.to for m in mail.outbox] == [["sam@example.org"]]
    stuck.refresh_from_db()
    assert (stuck.state, stuck.attempts) == ("pending", 1)  # tried again by the next sweep
    assert stuck.last_error.startswith("BadHeaderError")


def test_the_sweep_renders_a_pdf_that_could_not_be_rendered_after_commit(
    cast, org, django_capture_on_commit_callbacks, monkeypatch, frozen
):
    case = case_in(Status.AUTHORISED, cast, org)
    render = correspondence.render_pdf

    def broken(letter):
        raise OSError("font cache locked")

    monkeypatch.setattr(correspondence, "render_pdf", broken)
    with django_capture_on_commit_callbacks(execute=True):
        services.case_send_response(case_id=case.pk, user=cast.ig_officer)
    letter = Correspondence.objects.get(case=case)
    email = email_of(letter)
    assert (letter.pdf.name, email.state, email.attempts) == ("", "held", 1)
    assert email.last_error == "OSError: font cache locked"

    monkeypatch.setattr(correspondence, "render_pdf", render)
    assert outbox.outbox_sweep().as_dict() == {  # left to the after-commit renderer a while
        "uncertain": 0,
        "prepared": 0,
        "sent": 0,
        "not_sent": 0,
    }
    frozen.shift(dt.timedelta(minutes=2))
    result = outbox.outbox_sweep()
    assert (result.prepared, result.sent) == (1, 1)
    letter.refresh_from_db()
    assert letter.pdf.name
    (sent,) = mail.outbox
    assert sent.attachments[0][0] == f"{case.reference}.pdf"


# --- user text is escaped -------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"


def test_html_typed_by_users_is_escaped_on_the_case_page_and_in_the_pdf(
    client, cast, org, django_capture_on_commit_callbacks
):
    case = log(cast, name=SCRIPT, title=f"Claims {SCRIPT}")
    client.force_login(cast.ig_officer)
    page = client.get(reverse("requests:case", args=[case.pk])).content.decode()
    assert SCRIPT not in page
    assert escape(SCRIPT) in page

    # What WeasyPrint is given: capture the letter template's context as correspondence
    # renders it, then render that same template with that same context to a string.
    rendered = []

    def capture(sender, template, context, **kwargs):
        if template.name == "requests_app/letters/letter.html":
            rendered.append(context.flatten())

    template_rendered.connect(capture)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            respond_not_held(cast, org, case)
    finally:
        template_rendered.disconnect(capture)
    (context,) = rendered
    assert context["letter"].body.startswith(f"Dear {SCRIPT},")  # plain text, as typed
    html = render_to_string("requests_app/letters/letter.html", context)
    assert SCRIPT not in html
    assert "<script" not in html
    assert escape(SCRIPT) in html
    assert Case.objects.get(pk=case.pk).status == Status.RESPONDED
