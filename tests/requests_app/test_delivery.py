"""Released documents reach the requester: attached to the response email within the size
limit, by a private download link beyond it (which expires, refuses an altered token and
records every download on the timeline), or printed with the letter as one PDF for post.

The response is sent through the HTTP action view; its after-commit work (the letter's PDF) is
run by the test, and the email is sent by the outbox sweep (what the worker runs) into the
locmem mailbox, so the assertions read the real message that left."""

import datetime as dt
import io

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from requests_app import correspondence, delivery, letter_templates, sar
from requests_app.delivery_models import Enclosure, ReleaseLink
from requests_app.management.commands import _demo_files as files
from requests_app.models import Case, Correspondence, Event, Regime, Requester, Status
from tests.requests_app.builders import case_in
from workflow import outbox
from workflow.models import OutgoingEmail

NOW = dt.datetime(2026, 3, 4, 10, 0, tzinfo=dt.UTC)
XLSX = files.XLSX


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.SITE_URL = "https://ig.council.example"
    settings.RELEASE_LINK_DAYS = 28


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def queued(monkeypatch):
    """No worker here: the test sends the outbox itself."""
    monkeypatch.setattr("workflow.tasks.send_email.delay", lambda email_id: None)


def act(client, case, action, data=None):
    case.refresh_from_db()
    url = reverse("requests:case_action", args=[case.pk, action])
    if action in ("send_response", "release_without_director"):
        # The letter as the officer previewed it and sends it: the template's wording.
        data = {"body": correspondence.compose(case, "response")[1], **(data or {})}
    return client.post(url, {**(data or {}), "version": case.version})


def upload(client, case, name, content, content_type, kind="released"):
    data = {"kind": kind, "file": SimpleUploadedFile(name, content, content_type)}
    response = act(client, case, "upload_document", data)
    assert response.status_code == 302, response.content.decode()[:2000]


def sar_case(cast, org, text="Please find attached a copy of your personal data."):
    case = case_in(Status.AUTHORISED, cast, org, regime=Regime.SAR)
    # A SAR is released only with its search record (the DUAA's reasonable search).
    searched = {"searched": True, "place": "Housing system", "reason": "Holds the tenancy file."}
    sar.case_search_record(case_id=case.pk, user=cast.ig_officer, rows=[searched])
    Case.objects.filter(pk=case.pk).update(response_text=text)
    return case


def send_response(client, cast, case, django_capture_on_commit_callbacks):
    client.force_login(cast.ig_officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, case, "send_response")
    assert response.status_code == 302, response.content.decode()[:3000]
    return Correspondence.objects.get(case=case, kind="response")


def file_bytes(stored_file) -> bytes:
    with stored_file.open("rb") as stored:
        return stored.read()


def two_page_pdf() -> bytes:
    return files.pdf_bytes([["Record one"], ["Record two"]])


SPREADSHEET = files.spreadsheet("contacts.xlsx", [("Abbey", 3)]).read()
ONE_PAGE = files.pdf_bytes([["Housing file note, 3 May 2025"]])


# --- by email -------------------------------------------------------------------------------


def test_a_sar_response_email_carries_the_letter_and_every_released_document(
    client, cast, org, django_capture_on_commit_callbacks
):
    case = sar_case(cast, org)
    client.force_login(cast.ig_officer)
    upload(client, case, "file-note.pdf", ONE_PAGE, "application/pdf")
    upload(client, case, "contacts.xlsx", SPREADSHEET, XLSX)
    upload(client, case, "working.pdf", ONE_PAGE, "application/pdf", kind="working")
    letter = send_response(client, cast, case, django_capture_on_commit_callbacks)

    assert "Attached to this email:\n- file-note.pdf\n- contacts.xlsx\n" in letter.body
    assert "too large" not in letter.body
    assert outbox.outbox_sweep().sent == 1
    (email,) = mail.outbox
    assert email.to == ["jo@example.org"]
    letter.refresh_from_db()
    assert email.attachments == [
        (f"{case.reference}.pdf", file_bytes(letter.pdf), "application/pdf"),
        ("file-note.pdf", ONE_PAGE, "application/pdf"),
        ("contacts.xlsx", SPREADSHEET, XLSX),
    ]
    assert "Attached to this email" in email.body
    methods = list(letter.enclosures.values_list("document__original_name", "method"))
    assert methods == [("file-note.pdf", "attached"), ("contacts.xlsx", "attached")]
    assert not ReleaseLink.objects.exists()
    sent = case.events.get(kind="send_response").message
    assert sent.endswith("Released documents: 2 attached.")
    assert outbox.outbox_sweep().sent == 0  # never sent twice


def test_documents_beyond_the_size_limit_go_by_a_private_link_in_the_email(
    client, cast, org, settings, monkeypatch, django_capture_on_commit_callbacks
):
    # The limit in whole megabytes, with a megabyte shrunk to 1,000 bytes so that small real
    # files straddle it: the one-page PDF fits in 3,000 bytes, the spreadsheet does not.
    monkeypatch.setattr(delivery, "MB", 1000)
    settings.RELEASE_ATTACH_MAX_MB = 3
    assert len(ONE_PAGE) < 3000 < len(SPREADSHEET)
    case = sar_case(cast, org)
    client.force_login(cast.ig_officer)
    upload(client, case, "contacts.xlsx", SPREADSHEET, XLSX)
    upload(client, case, "file-note.pdf", ONE_PAGE, "application/pdf")
    letter = send_response(client, cast, case, django_capture_on_commit_callbacks)

    link = ReleaseLink.objects.get(case=case)
    assert link.expires_at == NOW + dt.timedelta(days=28)
    url = f"https://ig.council.example/your-documents/{link.token}/"
    assert len(link.token) >= 40
    outbox.outbox_sweep()
    (email,) = mail.outbox
    assert [name for name, _, _ in email.attachments] == [f"{case.reference}.pdf", "file-note.pdf"]
    assert "Attached to this email:\n- file-note.pdf\n" in email.body
    assert (
        "The other documents are too large to send by email. Download them from this private "
        f"link, which works until 1 April 2026:\n{url}\n- contacts.xlsx\n"
    ) in email.body
    assert email.body == letter_templates.email_text(letter.body)  # with the address block
    assert case.events.get(kind="send_response").message.endswith(
        "Released documents: 1 attached, 1 by download link until 01 April 2026."
    )
    page = client.get(reverse("requests:case", args=[case.pk])).content.decode()
    assert "download link works until 1 April 2026" in page
    assert "contacts.xlsx: by download link" in page


# --- the link -------------------------------------------------------------------------------


@pytest.fixture
def linked_case(client, cast, org, settings, django_capture_on_commit_callbacks):
    """A SAR answered with both documents by link (nothing may be attached: limit 0)."""
    settings.RELEASE_ATTACH_MAX_MB = 0
    case = sar_case(cast, org)
    client.force_login(cast.ig_officer)
    upload(client, case, "contacts.xlsx", SPREADSHEET, XLSX)
    upload(client, case, "file-note.pdf", ONE_PAGE, "application/pdf")
    upload(client, case, "notes.pdf", ONE_PAGE, "application/pdf", kind="working")
    send_response(client, cast, case, django_capture_on_commit_callbacks)
    client.logout()
    return case


def page_url(link, token=None):
    return reverse("public:release_link", args=[token or link.token])


def document_url(link, document, token=None):
    return reverse("public:release_link_document", args=[token or link.token, document.pk])


def downloads(case):
    return list(case.events.filter(kind="release_download").values_list("actor", "message"))


def test_the_link_works_for_the_requester_without_signing_in_and_each_download_is_recorded(
    client, linked_case
):
    case, link = linked_case, ReleaseLink.objects.get(case=linked_case)
    xlsx, pdf = (case.documents.get(original_name=n) for n in ("contacts.xlsx", "file-note.pdf"))
    page = client.get(page_url(link))
    assert page.status_code == 200
    text = page.content.decode()
    assert "contacts.xlsx" in text and "file-note.pdf" in text and "notes.pdf" not in text
    assert page["Cache-Control"].startswith("max-age=0") or "no-store" in page["Cache-Control"]
    assert page["Referrer-Policy"] == "no-referrer"
    assert downloads(case) == []  # reading the list is not a download

    response = client.get(document_url(link, xlsx))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == SPREADSHEET
    assert response["Content-Disposition"] == 'attachment; filename="contacts.xlsx"'
    client.get(document_url(link, xlsx))
    client.get(document_url(link, pdf))
    message = (
        "{} downloaded through the requester's link (sent 04 March 2026, works until "
        "01 April 2026)."
    )
    assert downloads(case) == [
        (None, message.format("file-note.pdf")),
        (None, message.format("contacts.xlsx")),
        (None, message.format("contacts.xlsx")),
    ]
    assert Event.objects.get(kind="release_download", message__contains="file-note").case == case


def test_the_link_reaches_nothing_but_its_own_documents(client, cast, org, linked_case):
    link = ReleaseLink.objects.get(case=linked_case)
    working = linked_case.documents.get(original_name="notes.pdf")
    other = case_in(Status.AUTHORISED, cast, org)
    client.force_login(cast.ig_officer)
    upload(client, other, "other.pdf", ONE_PAGE, "application/pdf")
    client.logout()
    for document in (working, other.documents.get()):
        response = client.get(document_url(link, document))
        assert response.status_code == 404
        assert b"This link does not work" in response.content
    # The staff pages stay closed to the link's holder.
    case_page = client.get(reverse("requests:case", args=[linked_case.pk]))
    assert case_page.status_code == 302 and "/accounts/login/" in case_page.url
    assert downloads(linked_case) == []


def test_an_altered_token_is_refused_with_a_clear_page(client, linked_case):
    link = ReleaseLink.objects.get(case=linked_case)
    document = linked_case.documents.get(original_name="contacts.xlsx")
    flipped = link.token[:-1] + ("A" if link.token[-1] != "A" else "B")
    for token in (flipped, link.token[:-5], "x" * 43, "not-a-token"):
        for url in (page_url(link, token), document_url(link, document, token)):
            response = client.get(url)
            assert response.status_code == 404, url
            assert b"This link does not work" in response.content
            assert b"contacts.xlsx" not in response.content
    assert downloads(linked_case) == []


def test_the_link_expires_and_then_refuses_everyone(client, cast, linked_case, frozen):
    link = ReleaseLink.objects.get(case=linked_case)
    document = linked_case.documents.get(original_name="contacts.xlsx")
    frozen.move_to(link.expires_at - dt.timedelta(seconds=1))
    assert client.get(document_url(link, document)).status_code == 200
    frozen.move_to(link.expires_at)
    for user in (None, cast.ig_officer):  # signed in or not: the link itself has expired
        if user:
            client.force_login(user)
        for url in (page_url(link), document_url(link, document)):
            response = client.get(url)
            assert response.status_code == 410
            text = response.content.decode()
            assert "This link has expired" in text
            assert "The link worked until 1 April 2026" in text
            assert "contacts.xlsx" not in text
    assert len(downloads(linked_case)) == 1  # only the one before expiry


# --- by post: the printable bundle ----------------------------------------------------------


@pytest.fixture
def posted(client, cast, org, django_capture_on_commit_callbacks):
    case = sar_case(cast, org, text="Your personal data is enclosed.")
    Requester.objects.filter(pk=case.requester_id).update(email="", address="4 Mill Lane")
    client.force_login(cast.ig_officer)
    upload(client, case, "records.pdf", two_page_pdf(), "application/pdf")
    upload(client, case, "contacts.xlsx", SPREADSHEET, XLSX)
    upload(client, case, "file-note.pdf", ONE_PAGE, "application/pdf")
    letter = send_response(client, cast, case, django_capture_on_commit_callbacks)
    return case, letter


def test_a_postal_response_is_one_pdf_of_the_letter_and_the_released_pdfs(client, cast, posted):
    case, letter = posted
    assert letter.to == "" and not OutgoingEmail.objects.exists()
    assert "Enclosed with this letter:\n- records.pdf\n- file-note.pdf\n" in letter.body
    assert "Enclosed separately with this letter:\n- contacts.xlsx\n" in letter.body
    letter.refresh_from_db()
    letter_pages = len(PdfReader(io.BytesIO(file_bytes(letter.pdf))).pages)

    client.force_login(cast.ig_officer)
    page = client.get(reverse("requests:case", args=[case.pk])).content.decode()
    url = reverse("requests:letter_bundle", args=[case.pk, letter.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{case.reference}-for-post.pdf"'
    )
    bundle = PdfReader(io.BytesIO(response.content))
    assert len(bundle.pages) == letter_pages + 2 + 1
    texts = [p.extract_text() for p in bundle.pages[letter_pages:]]
    assert texts == ["Record one", "Record two", "Housing file note, 3 May 2025"]
    assert list(letter.enclosures.values_list("document__original_name", "method")) == [
        ("records.pdf", Enclosure.Method.BUNDLE),
        ("file-note.pdf", Enclosure.Method.BUNDLE),
        ("contacts.xlsx", Enclosure.Method.SEPARATELY),
    ]


def test_only_ig_may_download_the_bundle(client, cast, posted):
    case, letter = posted
    url = reverse("requests:letter_bundle", args=[case.pk, letter.pk])
    expected = {
        "ig_officer": 200,
        "ig_manager": 200,
        "officer_a": 403,  # sees the case (area A worked on it), does not send post
        "director": 403,
        "officer_b": 404,  # cannot see the case at all
        "director_other": 404,
        "manager": 404,  # SAR: not for read-only roles
        "outsider": 404,
    }
    got = {}
    for name in expected:
        client.force_login(getattr(cast, name))
        got[name] = client.get(url).status_code
    assert got == expected
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url


# --- wording and what is sent agree ---------------------------------------------------------


def test_attached_wording_without_a_released_document_is_refused_and_changes_nothing(
    client, cast, org, django_capture_on_commit_callbacks
):
    case = sar_case(cast, org)
    client.force_login(cast.ig_officer)
    upload(client, case, "notes.pdf", ONE_PAGE, "application/pdf", kind="working")
    case.refresh_from_db()
    before = (case.status, case.version, case.events.count(), case.responded_at)
    page = client.get(reverse("requests:case", args=[case.pk])).content.decode()
    assert reverse("requests:case_action", args=[case.pk, "send_response"]) not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = act(client, case, "send_response")
    assert response.status_code == 409
    assert "says that documents are attached or enclosed" in response.content.decode()
    case.refresh_from_db()
    assert (case.status, case.version, case.events.count(), case.responded_at) == before
    assert not Correspondence.objects.filter(case=case, kind="response").exists()
    assert not OutgoingEmail.objects.filter(subject__contains="Response").exists()
    assert not Enclosure.objects.exists()

    upload(client, case, "file-note.pdf", ONE_PAGE, "application/pdf")
    send_response(client, cast, case, django_capture_on_commit_callbacks)
    assert Case.objects.get(pk=case.pk).status == Status.RESPONDED


@pytest.mark.parametrize(
    "text, mentions",
    [
        ("Please find attached a copy of your personal data.", True),
        ("The spreadsheet is enclosed.", True),
        ("The figures are in the attachment.", True),
        ("Please find a copy of the policy below.", True),
        ("We do not hold the information.", False),
        ("", False),
    ],
)
def test_which_wording_says_documents_come_with_the_letter(text, mentions):
    assert delivery.mentions_enclosures(text) is mentions


def test_a_response_with_no_documents_and_no_such_wording_still_goes(
    client, cast, org, django_capture_on_commit_callbacks
):
    case = sar_case(cast, org, text="We hold no personal data about you.")
    letter = send_response(client, cast, case, django_capture_on_commit_callbacks)
    assert "Attached" not in letter.body and "link" not in letter.body
    assert not letter.enclosures.exists()
    assert timezone.localdate(Case.objects.get(pk=case.pk).responded_at) == NOW.date()
