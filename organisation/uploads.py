"""The one check every uploaded file goes through: staff document uploads and any form of the
public's. Refuses what is not one of the safe types, what is disguised as one, and office
documents that expand to far more than their size (zip bombs); marks PDFs that carry
JavaScript, launch actions or embedded files with a warning that is stored and shown.

Forms call `check_upload` from `clean_<field>`; the service stores `upload.checked_content_type`
and `upload.security_warning`.
"""

import logging
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from pypdf import PdfReader
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

logger = logging.getLogger(__name__)

ALLOWED_UPLOADS = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".csv": "text/csv",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".txt": "text/plain",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".eml": "message/rfc822",
    ".msg": "application/vnd.ms-outlook",
}
# The first bytes each type must start with, so a renamed executable is not accepted.
MAGIC = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".msg": (b"\xd0\xcf\x11\xe0",),
}
# Office documents are zip archives of XML.
ZIP_TYPES = frozenset({".docx", ".xlsx", ".odt", ".ods"})
ZIP_MAX_ENTRIES = 10_000
# PDF names that make a reader run something or carry another file.
PDF_ACTIVE = {
    "/JS": "JavaScript",
    "/JavaScript": "JavaScript",
    "/Launch": "an action that starts a program",
    "/EmbeddedFile": "embedded files",
    "/EmbeddedFiles": "embedded files",
    "/FileAttachment": "embedded files",
    "/RichMedia": "embedded media",
}
PDF_MAX_OBJECTS = 200_000
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    warning: str = ""


def _extension(name: str) -> str:
    name = name.lower()
    return name[name.rfind(".") :] if "." in name else ""


def check_upload(upload) -> CheckedUpload:
    """Check one uploaded file; raises ValidationError with a sentence for the person."""
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(f"The file must be smaller than {settings.MAX_UPLOAD_MB} MB.")
    if upload.size == 0:
        raise ValidationError("The file is empty.")
    extension = _extension(upload.name)
    if extension not in ALLOWED_UPLOADS:
        allowed = ", ".join(sorted(e.lstrip(".").upper() for e in ALLOWED_UPLOADS))
        raise ValidationError(f"The file must be one of: {allowed}.")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if extension in MAGIC and not head.startswith(MAGIC[extension]):
        raise ValidationError("The file's contents do not match its type.")
    warning = ""
    try:
        if extension in ZIP_TYPES:
            _check_archive(upload)
        elif extension == ".pdf":
            warning = _pdf_warning(upload)
    finally:
        upload.seek(0)
    result = CheckedUpload(content_type=ALLOWED_UPLOADS[extension], warning=warning)
    upload.checked_content_type = result.content_type
    upload.security_warning = result.warning
    return result


def _check_archive(upload) -> None:
    """Refuse an office document that would expand beyond the limits. The sizes the archive
    declares are checked first; then every entry is really expanded, counting, so an archive
    that lies about its sizes is caught too (zipfile stops at the declared size and the CRC
    check then fails)."""
    max_total = settings.UPLOAD_MAX_UNCOMPRESSED_MB * 1024 * 1024
    max_ratio = settings.UPLOAD_MAX_COMPRESSION_RATIO
    too_big = ValidationError(
        "The document expands to far more than its size (it may be a 'zip bomb'), so it was "
        "not accepted. If it is genuine, save it again or send it as a PDF."
    )
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > ZIP_MAX_ENTRIES:
                raise too_big
            declared = sum(entry.file_size for entry in entries)
            if declared > max_total or declared > max_ratio * max(upload.size, 1):
                raise too_big
            expanded = 0
            for entry in entries:
                with archive.open(entry) as member:
                    while chunk := member.read(CHUNK):
                        expanded += len(chunk)
                        if expanded > max_total or expanded > max_ratio * upload.size:
                            raise too_big
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as error:
        raise ValidationError(
            "The document is damaged or in a form that cannot be checked; save it again and "
            "upload the new copy."
        ) from error
    except RuntimeError as error:  # an encrypted entry
        raise ValidationError(
            "The document is password-protected; remove the password and upload it again."
        ) from error


def _pdf_warning(upload) -> str:
    """A warning naming what the PDF carries that could run or hide content, or ''. A PDF
    that cannot be read through is accepted with a warning that it could not be checked."""
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return "This PDF is password-protected, so it could not be checked for scripts."
        found = _pdf_active_content(reader)
    except (PdfReadError, ValueError, KeyError, TypeError, RecursionError, OSError) as error:
        logger.info("upload: PDF could not be checked: %s", error)
        return "This PDF could not be checked for scripts or embedded files: open it with care."
    if not found:
        return ""
    return (
        f"This PDF contains {' and '.join(sorted(found))}. Open it only in a viewer that does "
        "not run scripts, and do not open files embedded in it."
    )


def _pdf_active_content(reader) -> set[str]:
    """Walk every object reachable from the document's root (and its trailer) once."""
    found: set[str] = set()
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        visited += 1
        if visited > PDF_MAX_OBJECTS:
            found.add("more objects than can be checked")
            break
        if isinstance(node, DictionaryObject):
            for name, value in node.items():
                if name in PDF_ACTIVE:
                    found.add(PDF_ACTIVE[name])
                if name in ("/S", "/Type", "/Subtype") and value in PDF_ACTIVE:
                    found.add(PDF_ACTIVE[value])
                if name != "/Parent":
                    stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return found
