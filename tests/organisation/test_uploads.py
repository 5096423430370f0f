"""The one upload check (organisation.uploads), with real files: zip bombs disguised as office
documents are refused; PDFs with JavaScript or embedded files are accepted with a warning that
is stored on the document and shown on the case."""

import io
import struct
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfWriter
from pypdf.actions import JavaScript

from organisation.uploads import check_upload
from requests_app.models import Document, Status
from tests.requests_app.builders import case_in

MB = 1024 * 1024


def docx(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb(expanded_mb: int) -> bytes:
    """A .docx whose document part is `expanded_mb` MB of zeros: a few hundred KB on disk."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
        with archive.open("word/document.xml", "w") as member:
            zeros = b"\0" * MB
            for _ in range(expanded_mb):
                member.write(zeros)
    return buffer.getvalue()


def lying_zip(real_mb: int, declared: int) -> bytes:
    """A .docx whose entry says it expands to `declared` bytes but really expands further."""
    data = bytearray(zip_bomb(real_mb))
    local = data.index(b"PK\x03\x04", 1)  # the second entry's local header
    struct.pack_into("<I", data, local + 22, declared)
    central = data.index(b"PK\x01\x02")
    central = data.index(b"PK\x01\x02", central + 4)  # the second entry's central record
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


def pdf(*, javascript: str = "", attachment: bytes = b"") -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    if javascript:
        writer.add_open_action(JavaScript(javascript))
    if attachment:
        writer.add_attachment("payload.txt", attachment)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def check(name: str, content: bytes):
    return check_upload(SimpleUploadedFile(name, content))


def test_a_genuine_office_document_is_accepted():
    result = check("letter.docx", docx({"word/document.xml": b"<w:document>Hello</w:document>"}))
    assert result.warning == ""
    assert result.content_type.endswith("wordprocessingml.document")


def test_a_200_mb_zip_bomb_disguised_as_a_docx_is_refused(settings):
    content = zip_bomb(200)
    assert len(content) < 2 * MB  # small enough to pass the upload size limit
    with pytest.raises(ValidationError, match="zip bomb"):
        check("minutes.docx", content)


def test_the_uncompressed_size_limit_holds_below_the_ratio(settings):
    settings.UPLOAD_MAX_UNCOMPRESSED_MB = 5
    settings.UPLOAD_MAX_COMPRESSION_RATIO = 100_000
    with pytest.raises(ValidationError, match="zip bomb"):
        check("sheet.xlsx", zip_bomb(8))
    settings.UPLOAD_MAX_UNCOMPRESSED_MB = 10
    assert check("sheet.xlsx", zip_bomb(8)).warning == ""


def test_an_archive_that_lies_about_its_size_is_refused(settings):
    with pytest.raises(ValidationError, match="damaged"):
        check("report.odt", lying_zip(real_mb=50, declared=1000))


def test_a_pdf_with_javascript_is_accepted_with_a_warning():
    result = check("claim.pdf", pdf(javascript="app.alert('hello');"))
    assert "JavaScript" in result.warning


def test_a_pdf_with_an_embedded_file_is_accepted_with_a_warning():
    result = check("claim.pdf", pdf(attachment=b"MZ not really a program"))
    assert "embedded files" in result.warning


def test_a_plain_pdf_has_no_warning():
    assert check("claim.pdf", pdf()).warning == ""


def test_the_staff_form_refuses_a_zip_bomb_and_stores_nothing(
    client, cast, org, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    case = case_in(Status.ASSIGNED, cast, org)
    client.force_login(cast.ig_officer)
    response = client.post(
        reverse("requests:case_action", args=[case.pk, "upload_document"]),
        {"kind": "working", "file": SimpleUploadedFile("minutes.docx", zip_bomb(200))},
    )
    assert response.status_code == 200
    assert "zip bomb" in response.content.decode()
    assert not Document.objects.exists()
    assert not any(tmp_path.rglob("*.docx"))


def test_the_staff_form_stores_and_shows_the_warning_on_a_pdf_with_javascript(
    client, cast, org, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    case = case_in(Status.ASSIGNED, cast, org)
    client.force_login(cast.officer_a)
    response = client.post(
        reverse("requests:case_action", args=[case.pk, "upload_document"]),
        {
            "kind": "working",
            "file": SimpleUploadedFile("claim.pdf", pdf(javascript="app.alert(1)")),
            "version": case.version,
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(case=case)
    assert "JavaScript" in document.security_warning
    page = client.get(reverse("requests:case", args=[case.pk])).content.decode()
    assert "govuk-warning-text" in page and "This PDF contains JavaScript" in page
    # Someone from another area is still refused the case.
    client.force_login(cast.officer_b)
    assert client.get(reverse("requests:case", args=[case.pk])).status_code in (403, 404)
